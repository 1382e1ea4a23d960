using Marten;

namespace AnJiaXing.Statistics;

public static class AccountActivity
{
    /// <summary>How many of <paramref name="accountIds"/> appended at least one event in the period (one indexed range read).</summary>
    public static async Task<int> CountActiveAsync(IQuerySession session, IReadOnlyCollection<Guid> accountIds, StatisticsPeriod period, CancellationToken ct)
    {
        if (accountIds.Count == 0) return 0;
        var rows = await session.QueryAsync<int>(
            "select count(distinct account_id)::int from anjiaxing.mt_doc_accountactiveday where day between ? and ? and account_id = any(?)",
            ct, AccountActiveDay.DayNumber(period.From), AccountActiveDay.DayNumber(period.To), accountIds.ToArray());
        return rows.Single();
    }
}
