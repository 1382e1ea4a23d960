namespace AnJiaXing.Platform.Http;

/// <summary>
/// The one range of dates the service accepts from a client (query strings, route values and JSON bodies alike):
/// years 1900–2200. Outside it a date is a typing error, and PostgreSQL or date arithmetic would fail on it.
/// </summary>
public static class AcceptedDates
{
    public const int FirstYear = 1900;
    public const int LastYear = 2200;

    public static bool Contains(int year) => year is >= FirstYear and <= LastYear;
    public static bool Contains(DateOnly date) => Contains(date.Year);
    public static bool Contains(DateTime time) => Contains(time.Year);
    public static bool Contains(DateTimeOffset time) => Contains(time.Year) && Contains(time.UtcDateTime.Year);

    /// <summary>The message for a date outside the range, naming the field.</summary>
    public static string OutOfRange(string field) =>
        ProblemLanguage.Say($"{field}: 日期超出允许范围（{FirstYear}-01-01 至 {LastYear}-12-31）",
            $"{field}: the date is outside the accepted range ({FirstYear}-01-01 to {LastYear}-12-31)");

    /// <summary>Refuses a date outside the range with a 400 naming the field.</summary>
    public static DateOnly Demand(DateOnly date, string field) =>
        Contains(date) ? date : throw ApiProblemException.Validation(field, OutOfRange(field));
}
