namespace AnJiaXing.Statistics;

/// <summary>
/// That an account appended at least one event (of any stream) on a district day: the fact behind active users
/// and user activity (用户活跃度). One small row per account and day, kept by <see cref="AccountActivityProjection"/>.
/// </summary>
public sealed class AccountActiveDay
{
    /// <summary><c>{accountId}:{yyyyMMdd}</c>.</summary>
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }

    /// <summary>The district day as <c>yyyyMMdd</c>, so a period is an integer range on an indexed column.</summary>
    public int Day { get; set; }

    public static int DayNumber(DateOnly day) => day.Year * 10000 + day.Month * 100 + day.Day;

    public static string IdOf(Guid account, int day) => $"{account}:{day}";
}
