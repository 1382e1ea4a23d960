
namespace AnJiaXing.Platform.Evidence;

/// <summary>
/// Metadata of an uploaded photo or document. The content is stored once per SHA-256 (see <see cref="IEvidenceBlobStore"/>).
/// <see cref="UsedBy"/> records the hazards that reference it, so readers are those whose scope covers one of them.
/// </summary>
public sealed class EvidenceFile
{
    public Guid Id { get; set; }
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string? FileName { get; set; }
    public Actor UploadedBy { get; set; } = Actor.System;
    public DateTimeOffset UploadedAt { get; set; }
    public List<EvidenceUse> UsedBy { get; set; } = [];

    public EvidenceRef Ref => new(Id, Sha256);
}

/// <summary>A hazard (or later another record) that references the evidence, with what scope needs of it.</summary>
public sealed record EvidenceUse(Guid HazardId, Guid EnterpriseId, Guid TownId, IndustryDomain Domain);

