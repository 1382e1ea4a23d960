using JasperFx.Events;

namespace AnJiaXing.Emergency.Incidents;

/// <summary>One news item on an incident (续报).</summary>
public sealed record IncidentNote(DateTimeOffset At, string Note, int Deaths, int Injuries, Actor By, IReadOnlyList<EvidenceRef>? Evidence = null);

/// <summary>An incident's state (事件上报): the inline projection GET and search read, and what its commands decide against.</summary>
public sealed class IncidentView : IOwnedRecord
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    public Guid? EnterpriseId { get; set; }
    public string? EnterpriseName { get; set; }
    public Guid? TownId { get; set; }
    public string? TownName { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];

    public IncidentKind Kind { get; set; }
    public IncidentStatus Status { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string Place { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int Deaths { get; set; }
    public int Injuries { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Evidence of the report and of every update, in the order it came (each update's own is on its note too).</summary>
    public List<EvidenceRef> Evidence { get; set; } = [];

    public List<IncidentNote> Updates { get; set; } = [];
    public DateTimeOffset ReportedAt { get; set; }
    public Actor ReportedBy { get; set; } = Actor.System;
    public string? Summary { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Actor? ClosedBy { get; set; }

    public static IncidentView Create(IEvent<IncidentReported> e)
    {
        var d = e.Data;
        return new IncidentView
        {
            Id = d.IncidentId, EnterpriseId = d.Owner.EnterpriseId, EnterpriseName = d.Owner.EnterpriseName, TownId = d.Owner.TownId,
            TownName = d.Owner.TownName, Domains = [.. d.Owner.Domains], Kind = d.Kind, Status = IncidentStatus.Open,
            OccurredAt = d.OccurredAt, Place = d.Place, Latitude = d.Latitude, Longitude = d.Longitude, Deaths = d.Deaths,
            Injuries = d.Injuries, Description = d.Description, Evidence = [.. d.Evidence ?? []], ReportedAt = e.Timestamp, ReportedBy = d.By
        };
    }

    public void Apply(IEvent<IncidentUpdated> e)
    {
        Updates.Add(new IncidentNote(e.Timestamp, e.Data.Note, e.Data.Deaths, e.Data.Injuries, e.Data.By, e.Data.Evidence));
        Evidence.AddRange(e.Data.Evidence ?? []);
        Deaths = e.Data.Deaths;
        Injuries = e.Data.Injuries;
    }

    public void Apply(IEvent<IncidentClosed> e)
    {
        Status = IncidentStatus.Closed;
        Summary = e.Data.Summary;
        ClosedAt = e.Timestamp;
        ClosedBy = e.Data.By;
    }

    // ---- decisions ----

    public IncidentUpdated Update(string note, int deaths, int injuries, IReadOnlyList<EvidenceRef> evidence, Actor by)
    {
        RequireOpen();
        return new IncidentUpdated(Id, note.Trim(), deaths, injuries, by, evidence.Count == 0 ? null : evidence);
    }

    /// <summary>Whose scope may read the incident's evidence through <c>/api/evidence</c> (the platform's rule of use).</summary>
    public EvidenceUse EvidenceUse() => EmergencyEvidence.Use(Id, EnterpriseId, TownId, Domains);

    public IncidentClosed Close(string summary, Actor by)
    {
        RequireOpen();
        return new IncidentClosed(Id, summary.Trim(), by);
    }

    public void RequireOpen()
    {
        if (Status == IncidentStatus.Closed) throw ApiProblemException.Conflict(ProblemLanguage.Say("事件已结案，不能再续报或结案。", "The incident is closed; it takes no more updates and cannot be closed again."), State(this).ToDictionary());
    }

    public static IReadOnlyDictionary<string, object?> State(IncidentView i) =>
        new Dictionary<string, object?> { ["currentStatus"] = i.Status.ToString(), ["version"] = i.Version };
}

/// <summary>
/// Who acts on incidents: whoever keeps emergency records for the owner (<see cref="EmergencyAccess.MayKeep"/>) reports
/// and sends news; the incident's town staff, departments and district admins close it (an enterprise does not close
/// its own incident).
/// </summary>
public static class IncidentAccess
{
    public static readonly Noun Name = new("事故事件", "Incident");

    public static bool MayReport(Caller caller, EmergencyOwner owner) =>
        EmergencyAccess.MayKeep(caller, owner.EnterpriseId, owner.TownId)
        || (caller.Role == Role.DepartmentOfficer && EmergencyAccess.Sees(caller, owner.EnterpriseId, owner.TownId, owner.Domains));

    public static bool MayUpdate(Caller caller, IncidentView i) =>
        EmergencyAccess.MayKeep(caller, i) || caller.Role == Role.DepartmentOfficer;

    public static bool MayClose(Caller caller, IncidentView i) => caller.Role switch
    {
        Role.DistrictAdmin or Role.DepartmentOfficer => true,
        Role.TownSupervisor => i.TownId == caller.TownId,
        _ => false
    };

    public static readonly CommandRules<IncidentView> Update = new(Name, EmergencyAccess.Sees, MayUpdate,
        _ => ProblemLanguage.Say("您的角色不能续报此事件。", "Your role may not report an update on this incident."), IncidentView.State);

    public static readonly CommandRules<IncidentView> Close = new(Name, EmergencyAccess.Sees, MayClose,
        _ => ProblemLanguage.Say("只有事发街镇、区级职能部门或区安委办可以结案。",
            "Only the incident's town, a district department or the district safety committee office may close the incident."), IncidentView.State);
}
