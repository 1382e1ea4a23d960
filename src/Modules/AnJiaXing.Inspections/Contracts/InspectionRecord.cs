using JasperFx.Events;

namespace AnJiaXing.Inspections.Contracts;

/// <summary>
/// An inspection record (检查记录) as it is read: the inline snapshot behind <c>GET /api/inspections/{id}</c>, the records
/// search and the other modules. Commands decide on the Inspections module's own aggregate, never on this.
/// </summary>
public sealed class InspectionRecord
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public InspectionKind Kind { get; set; }
    public InspectionStatus Status { get; set; }

    public Guid? EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public TemporaryEnterprise? TemporaryEnterprise { get; set; }
    public Guid TownId { get; set; }
    public string TownName { get; set; } = "";
    public List<IndustryDomain> Domains { get; set; } = [];

    public Guid? ChecklistId { get; set; }
    public string? ChecklistName { get; set; }
    public int? ChecklistVersion { get; set; }
    public int ChecklistItemCount { get; set; }
    public Guid? PlanId { get; set; }
    public Guid? HazardId { get; set; }

    public Guid InspectorId { get; set; }
    public Actor Inspector { get; set; } = Actor.System;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SignatureKeyId { get; set; }

    public List<InspectionItem> Items { get; set; } = [];
    public List<string> Findings { get; set; } = [];
    public List<RaisedHazard> RaisedHazards { get; set; } = [];
    public List<Guid> RaisedHazardIds { get; set; } = [];
    public bool? RecheckPassed { get; set; }

    /// <summary>The raised hazards as they stand when the record is read; filled by the read, never stored.</summary>
    public List<RaisedHazardSummary>? Hazards { get; set; }

    /// <summary>
    /// Findings of a signed record whose hazards the Hazards module has not reported yet (they follow within moments,
    /// through the outbox): each with the id its hazard will have. Filled by the read, never stored.
    /// </summary>
    public List<PendingHazard>? PendingHazards { get; set; }

    public static InspectionRecord Create(IEvent<InspectionStarted> e)
    {
        var s = e.Data;
        return new InspectionRecord
        {
            Id = s.InspectionId,
            Kind = s.Kind,
            Status = InspectionStatus.Draft,
            EnterpriseId = s.EnterpriseId,
            EnterpriseName = s.EnterpriseName,
            TemporaryEnterprise = s.TemporaryEnterprise,
            TownId = s.TownId,
            TownName = s.TownName,
            Domains = [.. s.Domains],
            ChecklistId = s.ChecklistId,
            ChecklistName = s.ChecklistName,
            ChecklistVersion = s.ChecklistVersion,
            ChecklistItemCount = s.ChecklistItemCount,
            PlanId = s.PlanId,
            HazardId = s.HazardId,
            InspectorId = s.By.Id,
            Inspector = s.By,
            StartedAt = e.Timestamp
        };
    }

    public void Apply(IEvent<InspectionItemRecorded> e)
    {
        InspectionItems.Record(Items, e.Data, e.Timestamp);
    }

    public void Apply(IEvent<InspectionSubmitted> e)
    {
        Status = InspectionStatus.Submitted;
        SubmittedAt = e.Timestamp;
        Findings = [.. e.Data.Findings];
        SignatureKeyId = e.Data.SignatureKeyId;
    }

    public void Apply(InspectionHazardRaised e)
    {
        RaisedHazards.Add(new RaisedHazard(e.ItemCode, e.HazardId));
        RaisedHazardIds.Add(e.HazardId);
    }

    public void Apply(InspectionRecheckRecorded e) => RecheckPassed = e.Passed;

    public InspectionItem? FindItem(string code) => Items.FirstOrDefault(i => i.Code == code);
}

/// <summary>One recorded item of an inspection, as the record shows it.</summary>
public sealed record InspectionItem(
    string Code,
    bool FromChecklist,
    string ItemCategory,
    string Content,
    string? LegalBasis,
    HazardLevel SuggestedLevel,
    ItemResult Result,
    string? Notes,
    List<EvidenceRef> Evidence,
    HazardLevel? Level,
    HazardCategory Category,
    DateTimeOffset RecordedAt);

/// <summary>The fold of a recorded item, stated once for the record and the aggregate: a code recorded again replaces its item.</summary>
public static class InspectionItems
{
    public static void Record(List<InspectionItem> items, InspectionItemRecorded r, DateTimeOffset at)
    {
        var item = new InspectionItem(r.ItemCode, r.FromChecklist, r.ItemCategory, r.Content, r.LegalBasis, r.SuggestedLevel,
            r.Result, r.Notes, [.. r.Evidence], r.Level, r.Category, at);
        var index = items.FindIndex(i => i.Code == r.ItemCode);
        if (index >= 0) items[index] = item;
        else items.Add(item);
    }
}

/// <summary>Which hazard an item raised.</summary>
public sealed record RaisedHazard(string ItemCode, Guid HazardId);

/// <summary>A finding whose hazard is on its way: the hazard will have this id.</summary>
public sealed record PendingHazard(string ItemCode, Guid HazardId);

/// <summary>A raised hazard as the inspection record shows it (filled in when the record is read).</summary>
public sealed record RaisedHazardSummary(Guid Id, string ItemCode, HazardLevel Level, HazardStatus Status, HazardSource Source, string Description);
