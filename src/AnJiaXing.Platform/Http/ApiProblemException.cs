namespace AnJiaXing.Platform.Http;

/// <summary>
/// A refusal that becomes an RFC 9457 problem response (see <see cref="ProblemExceptionHandler"/>).
/// Thrown before anything is saved, so the transaction middleware appends nothing.
/// </summary>
public class ApiProblemException(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
    : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    /// <summary>A 404 whose detail names the missing thing in the request's language (the module gives both words).</summary>
    public static ApiProblemException NotFound(Noun what, object id) =>
        new(StatusCodes.Status404NotFound, "Not found", ProblemLanguage.Say($"{what.Zh}“{id}”不存在。", $"{what.En} '{id}' does not exist."));

    public static ApiProblemException NotFound(string whatZh, string whatEn, object id) => NotFound(new Noun(whatZh, whatEn), id);

    public static ApiProblemException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static ApiProblemException Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, "Conflict", detail, extensions);

    public static ApiProblemException Unauthorized(string detail) =>
        new(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>A 429 with <c>Retry-After</c> (the exception handler sets the header from <c>retryAfterSeconds</c>).</summary>
    public static ApiProblemException TooManyRequests(string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, "请求过于频繁", detail, new Dictionary<string, object?>
        {
            ["retryAfterSeconds"] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
        });

    /// <summary>A 503 with <c>Retry-After</c>: a dependency is unavailable; nothing was changed.</summary>
    public static ApiProblemException ServiceUnavailable(string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status503ServiceUnavailable, "服务暂不可用", detail, new Dictionary<string, object?>
        {
            ["retryAfterSeconds"] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
        });

    public static ApiProblemException Validation(string field, string message) =>
        new ValidationProblemException(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A 400 with the per-field <c>errors</c> map, for rules that need the database (FluentValidation covers the rest).</summary>
public sealed class ValidationProblemException(IDictionary<string, string[]> errors)
    : ApiProblemException(StatusCodes.Status400BadRequest, "One or more validation errors occurred.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
