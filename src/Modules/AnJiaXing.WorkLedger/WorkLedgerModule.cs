using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AnJiaXing.WorkLedger;

/// <summary>The work ledger (工作台账): meetings, special actions (with progress from linked plans, inspections and hazards)
/// and supervision updates, one time-ordered, searchable ledger and its .xlsx export.</summary>
public sealed class WorkLedgerModule : IAnJiaXingModule
{
    public string Name => "WorkLedger";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IDemoSeed, WorkLedgerDemoSeed>();

    public void ConfigureMarten(StoreOptions options)
    {
        options.Projections.Snapshot<WorkLedgerEntry>(SnapshotLifecycle.Inline);
        options.Schema.For<WorkLedgerEntry>()
            .Index(x => x.Kind)
            .Index(x => x.TownId)
            .Index(x => x.At)
            .TrigramSearchOn(x => x.SearchText);

        options.Projections.Add(new SpecialActionLinksProjection(), ProjectionLifecycle.Inline, SpecialActionLinksProjection.Name);
        options.Schema.For<LinkedInspection>().Index(x => x.PlanId);
        options.Schema.For<LinkedHazard>().Index(x => x.InspectionId);
        options.Schema.For<LinkedPlan>();
    }
}
