using JasperFx.Events;

namespace AnJiaXing.Investigations;

/// <summary>An investigation's own stream, folded inline: what was asked, by whom, and every bundle taken from it.</summary>
public sealed class Investigation
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid? EnterpriseId { get; set; }
    public Guid? TownId { get; set; }
    public string ScopeName { get; set; } = "";
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public string Subject { get; set; } = "";
    public long CutOffSequence { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public Actor OpenedBy { get; set; } = Actor.System;
    public List<BundleExport> Bundles { get; set; } = [];

    public static Investigation Create(IEvent<InvestigationOpened> e) => new()
    {
        Id = e.Data.InvestigationId, EnterpriseId = e.Data.EnterpriseId, TownId = e.Data.TownId, ScopeName = e.Data.ScopeName, From = e.Data.From,
        To = e.Data.To, Subject = e.Data.Subject, CutOffSequence = e.Data.CutOffSequence, OpenedAt = e.Timestamp, OpenedBy = e.Data.By
    };

    public void Apply(IEvent<InvestigationBundleExported> e) =>
        Bundles.Add(new BundleExport(e.Data.HeadId, e.Data.EventCount, e.Data.ManifestSha256, e.Data.By, e.Timestamp));
}
