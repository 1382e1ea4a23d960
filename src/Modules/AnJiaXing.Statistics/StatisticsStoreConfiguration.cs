using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Statistics;

public static class StatisticsStoreConfiguration
{
    /// <summary>Statistics read models: both async, on the daemon; both rebuildable with <c>projections --rebuild</c>.</summary>
    public static void ConfigureStatistics(this StoreOptions opts)
    {
        opts.Projections.Add<ScopeStatisticsProjection>(ProjectionLifecycle.Async);

        opts.Projections.Add(new AccountActivityProjection(), ProjectionLifecycle.Async, AccountActivityProjection.Name,
            o => o.DeleteViewTypeOnTeardown<AccountActiveDay>());
        opts.Schema.For<AccountActiveDay>()
            .Duplicate(x => x.AccountId)
            .Duplicate(x => x.Day);
    }
}
