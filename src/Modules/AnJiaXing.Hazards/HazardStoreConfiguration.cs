using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Hazards;

public static class HazardStoreConfiguration
{
    public static void ConfigureHazards(this StoreOptions opts)
    {
        // The read model behind GET and search, written in the command's transaction; one index per search filter.
        opts.Projections.Snapshot<HazardView>(SnapshotLifecycle.Inline);
        // The aggregate commands decide on: folded from its (short) stream when a command loads it, never stored.
        opts.Projections.LiveStreamAggregation<Hazard>();
        opts.Schema.For<HazardView>()
            .Index(x => x.EnterpriseId)
            .Index(x => x.TownId)
            .Index(x => x.Domain)
            .Index(x => x.Level)
            .Index(x => x.Status)
            .Index(x => x.Source)
            .Index(x => x.ReportedAt)
            .Index(x => x.Deadline)
            // q: Chinese keywords in what was found or whose it is.
            .TrigramSearchOn(x => x.Description)
            .TrigramSearchOn(x => x.EnterpriseName);

        opts.Projections.Add<HazardLedgerLineProjection>(ProjectionLifecycle.Async);
        // The enterprise file reads an enterprise's lines.
        opts.Schema.For<HazardLedgerLine>().Index(x => x.EnterpriseId);
    }
}
