namespace AnJiaXing.Platform.OpenApi;

/// <summary>
/// Marks an endpoint that reads a multipart upload itself (from <c>HttpRequest.Form</c>), which Wolverine cannot see:
/// the OpenAPI document then shows a <c>multipart/form-data</c> body with the file field and the 413/415 answers.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FileUploadAttribute(string field = "file", string accepts = ".xlsx, .csv") : Attribute
{
    public string Field { get; } = field;

    /// <summary>What the file may be, for the field's description, e.g. ".xlsx, .csv" or "JPEG, PNG, PDF".</summary>
    public string Accepts { get; } = accepts;
}
