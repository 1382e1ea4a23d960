using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.RiskControl;

public static class RiskControlStoreConfiguration
{
    public static void ConfigureRiskControl(this StoreOptions opts)
    {
        // Read models written in the command's transaction: the next command and the counts by level need them at once.
        opts.Projections.Snapshot<RiskPointView>(SnapshotLifecycle.Inline);
        opts.Schema.For<RiskPointView>()
            .Index(x => x.EnterpriseId)
            .Index(x => x.TownId)
            .Index(x => x.Domain)
            .Index(x => x.Level)
            .Index(x => x.Public)
            .Index(x => x.ReassessmentDue);
        opts.Schema.For<RiskHazardLink>();

        opts.Projections.Snapshot<PatrolTaskView>(SnapshotLifecycle.Inline);
        opts.Schema.For<PatrolTaskView>().Index(x => x.EnterpriseId).Index(x => x.TownId).Index(x => x.Domain);
        opts.Schema.For<PatrolWindowCursor>();
        opts.Projections.Snapshot<RiskMapView>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<PatrolRecordView>(SnapshotLifecycle.Inline);
        opts.Schema.For<PatrolRecordView>()
            .Index(x => x.TaskId)
            .Index(x => x.RiskPointId)
            .Index(x => x.EnterpriseId)
            .Index(x => x.TownId)
            .Index(x => x.Domain)
            .Index(x => x.PatrolledAt);
    }
}
