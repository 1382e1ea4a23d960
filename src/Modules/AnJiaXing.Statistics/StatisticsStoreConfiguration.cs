using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Statistics;

public static class StatisticsStoreConfiguration
{
    /// <summary>Statistics read models: both async, on the daemon; both rebuildable with <c>projections --rebuild</c>.</summary>
    public static void ConfigureStatistics(this StoreOptions opts)
    {
        // One round trip for the tallies, one for the scope documents, one write per batch, whatever its size (ADR 0018).
        opts.Projections.Add(new ScopeStatisticsProjection(), ProjectionLifecycle.Async, ScopeStatisticsProjection.ProjectionTitle, o =>
        {
            o.BatchSize = ScopeStatisticsProjection.BatchSize;
            o.DeleteViewTypeOnTeardown<ScopeStatistics>();
            o.DeleteViewTypeOnTeardown<HazardTally>();
            o.DeleteViewTypeOnTeardown<InspectionTally>();
            o.DeleteViewTypeOnTeardown<PlanTally>();
        });
        opts.Schema.For<ScopeStatistics>();
        opts.Schema.For<HazardTally>();
        opts.Schema.For<InspectionTally>();
        opts.Schema.For<PlanTally>();

        // One set-based insert per batch (ADR 0031): larger batches mean fewer of them, and fewer rows written twice.
        opts.Projections.Add(new AccountActivityProjection(), ProjectionLifecycle.Async, AccountActivityProjection.Name, o =>
        {
            o.BatchSize = AccountActivityProjection.BatchSize;
            o.DeleteViewTypeOnTeardown<AccountActiveDay>();
        });
        opts.Schema.For<AccountActiveDay>()
            .Duplicate(x => x.AccountId)
            .Duplicate(x => x.Day);
    }
}
