namespace AnJiaXing.Platform.Evidence;

/// <summary>Settings under <c>AnJiaXing:Evidence</c>.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "AnJiaXing:Evidence";

    /// <summary>Largest accepted upload; larger ones get 413.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>When set, file contents are kept in this folder (content-addressed) instead of PostgreSQL.</summary>
    public string? Folder { get; set; }
}
