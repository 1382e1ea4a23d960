namespace AnJiaXing.Platform.Evidence;

/// <summary>How an event refers to a stored photo or document: by id and by content hash, so the reference
/// stays verifiable even if the metadata row were changed.</summary>
public sealed record EvidenceRef(Guid Id, string Sha256);
