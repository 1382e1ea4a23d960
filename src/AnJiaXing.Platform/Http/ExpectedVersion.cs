using System.Globalization;

namespace AnJiaXing.Platform.Http;

/// <summary>Optimistic concurrency from the <c>If-Match: "&lt;version&gt;"</c> header (or a body's <c>expectedVersion</c>).</summary>
public static class ExpectedVersion
{
    public static long? From(HttpContext context, long? bodyExpectedVersion = null)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header == "*") return bodyExpectedVersion;

        var raw = header.Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 0)
            throw ApiProblemException.Validation("If-Match", ProblemLanguage.Say("If-Match 须为 ETag 中带引号的版本号，例如 \"3\"。", "If-Match must be the quoted version from the ETag, e.g. \"3\"."));
        if (bodyExpectedVersion is { } body && body != version)
            throw ApiProblemException.Validation("expectedVersion", ProblemLanguage.Say("expectedVersion 与 If-Match 不一致。", "expectedVersion and If-Match disagree."));
        return version;
    }

    public static string ETag(long version) => $"\"{version}\"";
}
