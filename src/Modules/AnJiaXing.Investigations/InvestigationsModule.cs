using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace AnJiaXing.Investigations;

/// <summary>Accountability investigations (责任调查): findings over the other modules' records and offline-verifiable bundles (ADR 0027).</summary>
public sealed class InvestigationsModule : IAnJiaXingModule
{
    public string Name => "Investigations";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<InvestigationFindings>();

    public void ConfigureMarten(StoreOptions options)
    {
        options.Projections.Snapshot<Investigation>(SnapshotLifecycle.Inline);
        options.Schema.For<Investigation>().Index(x => x.OpenedAt);
    }

    public void ConfigureWolverine(WolverineOptions options) { }
}
