using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Inspections;

public static class InspectionsStoreConfiguration
{
    /// <summary>Inspections and plans: inline snapshots as read models, one index per search filter (plan completion reads the PlanId index).</summary>
    public static void ConfigureInspections(this StoreOptions opts)
    {
        opts.Projections.Snapshot<InspectionRecord>(SnapshotLifecycle.Inline);
        // The aggregate commands decide on: folded from its stream when a command loads it, never stored.
        opts.Projections.LiveStreamAggregation<Inspection>();
        opts.Schema.For<InspectionRecord>()
            .Index(x => x.EnterpriseId)
            .Index(x => x.InspectorId)
            .Index(x => x.PlanId)
            .Index(x => x.TownId)
            .Index(x => x.StartedAt);

        opts.Projections.Snapshot<InspectionPlan>(SnapshotLifecycle.Inline);
        opts.Schema.For<InspectionPlan>().Index(x => x.OwnerOrganisationId).Index(x => x.CreatedAt);
    }
}
