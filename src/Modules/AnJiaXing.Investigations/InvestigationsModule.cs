using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace AnJiaXing.Investigations;

/// <summary>Accountability investigations (责任调查): findings over the other modules' records and offline-verifiable bundles (ADR 0027).</summary>
public sealed class InvestigationsModule : IAnJiaXingModule
{
    public string Name => "Investigations";

    /// <summary>With town databases (ADR 0030): investigations query the signed events of every town.</summary>
    public AnJiaXing.Platform.Tenancy.ModuleHome Home => AnJiaXing.Platform.Tenancy.ModuleHome.District;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<InvestigationFindings>();

    public void ConfigureMarten(StoreOptions options)
    {
        options.Projections.Snapshot<Investigation>(SnapshotLifecycle.Inline);
        options.Schema.For<Investigation>().Index(x => x.OpenedAt);
    }

    public void ConfigureWolverine(WolverineOptions options) { }
}
