namespace AnJiaXing.Investigations.Contracts;

/// <summary>
/// Someone opened an accountability investigation (责任调查): who asked, about which enterprise or town, which period and
/// why. <see cref="CutOffSequence"/> is the ledger's last sequence when it was opened: the findings are read up to it,
/// so they stay what they were however often they are read.
/// </summary>
public sealed record InvestigationOpened(
    Guid InvestigationId,
    Guid? EnterpriseId,
    Guid? TownId,
    string ScopeName,
    DateTimeOffset From,
    DateTimeOffset To,
    string Subject,
    long CutOffSequence,
    Actor By);

/// <summary>Someone downloaded the investigation's evidence bundle: the signed head it was proven against and the manifest's hash.</summary>
public sealed record InvestigationBundleExported(Guid InvestigationId, long HeadId, int EventCount, string ManifestSha256, Actor By);
