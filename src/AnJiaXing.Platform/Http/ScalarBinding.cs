using System.Globalization;

namespace AnJiaXing.Platform.Http;

/// <summary>
/// Checks one route or query-string value against the type the endpoint binds it to, the way Wolverine parses it
/// (invariant culture, enums by name ignoring case), and answers a Chinese message naming the field instead of a
/// parser's text. Dates must lie in <see cref="AcceptedDates"/>; enums are names, never numbers.
/// </summary>
public static class ScalarBinding
{
    public static bool IsScalar(Type type)
    {
        var t = Element(type);
        return t.IsEnum || t == typeof(Guid) || t == typeof(bool) || t == typeof(DateTimeOffset) || t == typeof(DateTime)
               || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(int) || t == typeof(long) || t == typeof(short)
               || t == typeof(decimal) || t == typeof(double) || t == typeof(float);
    }

    /// <summary>The element type: <c>T</c> of <c>T?</c>, <c>T[]</c>, <c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T?&gt;</c>.</summary>
    public static Type Element(Type type)
    {
        if (type.IsArray) type = type.GetElementType()!;
        else if (type.IsGenericType && type.GetGenericTypeDefinition() != typeof(Nullable<>) && type.GetGenericArguments().Length == 1
                 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            type = type.GetGenericArguments()[0];
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    public static bool IsCollection(Type type) => type.IsArray || (type.IsGenericType && Element(type) != (Nullable.GetUnderlyingType(type) ?? type));

    /// <summary>Null when <paramref name="raw"/> binds to <paramref name="type"/>; otherwise the message naming the field.</summary>
    public static string? Check(string field, string raw, Type type)
    {
        var t = Element(type);
        if (IsDate(t))
        {
            return DateInRange(t, raw) switch
            {
                null => Expected(field, t, raw),
                false => AcceptedDates.OutOfRange(field),
                true => null
            };
        }

        var ok = t switch
        {
            _ when t.IsEnum => EnumName(t, raw) is not null,
            _ when t == typeof(Guid) => Guid.TryParse(raw, out _),
            _ when t == typeof(bool) => bool.TryParse(raw, out _),
            _ when t == typeof(TimeOnly) => TimeOnly.TryParse(raw, CultureInfo.InvariantCulture, out _),
            _ when t == typeof(int) => int.TryParse(raw, CultureInfo.InvariantCulture, out _),
            _ when t == typeof(long) => long.TryParse(raw, CultureInfo.InvariantCulture, out _),
            _ when t == typeof(short) => short.TryParse(raw, CultureInfo.InvariantCulture, out _),
            _ when t == typeof(decimal) => decimal.TryParse(raw, CultureInfo.InvariantCulture, out _),
            _ when t == typeof(double) => double.TryParse(raw, CultureInfo.InvariantCulture, out _),
            _ when t == typeof(float) => float.TryParse(raw, CultureInfo.InvariantCulture, out _),
            _ => true
        };
        return ok ? null : Expected(field, t, raw);
    }

    public static bool IsDate(Type t) => t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(DateOnly);

    /// <summary>Null when <paramref name="raw"/> is no date at all, else whether it lies in <see cref="AcceptedDates"/>.</summary>
    private static bool? DateInRange(Type t, string raw)
    {
        // A year of five digits or more (10000-01-01) is a date, just far outside the range.
        if (raw.Length > 5 && raw.TrimStart('+', '-').TakeWhile(char.IsAsciiDigit).Count() >= 5) return false;
        if (t == typeof(DateOnly))
            return DateOnly.TryParse(raw, CultureInfo.InvariantCulture, out var d) ? AcceptedDates.Contains(d) : null;
        if (t == typeof(DateTime))
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, out var dt) ? AcceptedDates.Contains(dt) : null;
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, out var dto) ? AcceptedDates.Contains(dto) : null;
    }

    /// <summary>The declared name matching <paramref name="raw"/> ignoring case; numbers and combinations are not names.</summary>
    public static string? EnumName(Type enumType, string raw) =>
        Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, raw.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>What the field expects, in Chinese, with the value received (shortened) — never a .NET type name.</summary>
    public static string Expected(string field, Type type, string? raw)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var shown = raw is null ? "" : $" \"{Shorten(raw)}\"";
        return t switch
        {
            _ when t.IsEnum => ProblemLanguage.Say($"{field}: 无效的取值{shown}，允许的取值：{string.Join(", ", Enum.GetNames(t))}",
                $"{field}: not a valid value{shown}; allowed: {string.Join(", ", Enum.GetNames(t))}"),
            _ when t == typeof(Guid) => ProblemLanguage.Say($"{field}: 无效的取值{shown}，必须是 GUID，例如 0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f",
                $"{field}: not a valid value{shown}; a GUID such as 0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f"),
            _ when t == typeof(bool) => ProblemLanguage.Say($"{field}: 无效的取值{shown}，必须是 true 或 false", $"{field}: not a valid value{shown}; true or false"),
            _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) =>
                ProblemLanguage.Say($"{field}: 无效的取值{shown}，必须是 ISO-8601 时间，例如 2026-11-01T08:00:00+08:00",
                    $"{field}: not a valid value{shown}; an ISO 8601 time such as 2026-11-01T08:00:00+08:00"),
            _ when t == typeof(DateOnly) => ProblemLanguage.Say($"{field}: 无效的取值{shown}，必须是日期 yyyy-MM-dd，例如 2026-11-01",
                $"{field}: not a valid value{shown}; a date yyyy-MM-dd such as 2026-11-01"),
            _ when t == typeof(TimeOnly) => ProblemLanguage.Say($"{field}: 无效的取值{shown}，必须是时刻 HH:mm:ss", $"{field}: not a valid value{shown}; a time HH:mm:ss"),
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) => ProblemLanguage.Say($"{field}: 无效的取值{shown}，必须是整数", $"{field}: not a valid value{shown}; a whole number"),
            _ when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => ProblemLanguage.Say($"{field}: 无效的取值{shown}，必须是数字", $"{field}: not a valid value{shown}; a number"),
            _ when t == typeof(string) => ProblemLanguage.Say($"{field}: 必须是字符串", $"{field}: must be a string"),
            _ => ProblemLanguage.Say($"{field}: 无效的取值{shown}", $"{field}: not a valid value{shown}")
        };
    }

    public static string Shorten(string raw) =>
        (raw.Length > 40 ? raw[..40] + "…" : raw).Replace("\0", "\\u0000", StringComparison.Ordinal);
}
