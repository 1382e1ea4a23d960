using JasperFx.Events;

namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// A hazard as it is read: the inline projection behind <c>GET /api/hazards/{id}</c>, search and the other modules.
/// Commands decide on the Hazards module's own aggregate, never on this. Status and level are folded by
/// <see cref="HazardLifecycle"/>, the same functions the aggregate and the enterprise ledger use.
/// </summary>
public sealed class HazardView
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public string TownName { get; set; } = "";
    public IndustryDomain Domain { get; set; }

    public HazardLevel Level { get; set; }
    public HazardLevel ReportedLevel { get; set; }
    public HazardStatus Status { get; set; }
    public HazardCategory Category { get; set; }
    public string Description { get; set; } = "";
    public string? Location { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public HazardSource Source { get; set; }
    public Guid? InspectionId { get; set; }
    public string? ChecklistItemCode { get; set; }
    public string? LegalBasis { get; set; }
    public List<EvidenceRef> Evidence { get; set; } = [];

    public DateTimeOffset FoundAt { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public Actor ReportedBy { get; set; } = Actor.System;

    /// <summary>Whether anyone but the reporter has acted on the hazard (withdrawal is possible only before).</summary>
    public bool ActedOnByOthers { get; set; }

    public RectificationPlan? Rectification { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public int DeadlineExtensions { get; set; }
    public PersonRef? Rechecker { get; set; }
    public List<RectificationRecord> Rectifications { get; set; } = [];
    public List<RecheckRecord> Rechecks { get; set; } = [];
    public List<DecisionRecord> Decisions { get; set; } = [];

    /// <summary>The overdue escalations (督办) of the hazard, oldest first: for which deadline, to whom, when.</summary>
    public List<SupervisionRecord> Supervision { get; set; } = [];

    public DateTimeOffset? ClosedAt { get; set; }
    public Actor? ClosedBy { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>Derived when the hazard is read (deadline passed while Confirmed or Rectifying); never stored.</summary>
    public bool? Overdue { get; set; }

    public static HazardView Create(IEvent<HazardReported> e)
    {
        var r = e.Data;
        return new HazardView
        {
            Id = r.HazardId,
            EnterpriseId = r.EnterpriseId,
            EnterpriseName = r.EnterpriseName,
            TownId = r.TownId,
            TownName = r.TownName,
            Domain = r.Domain,
            Level = r.Level,
            ReportedLevel = r.Level,
            Status = HazardLifecycle.InitialStatus(r.Level),
            Category = r.Category,
            Description = r.Description,
            Location = r.Location,
            Latitude = r.Latitude,
            Longitude = r.Longitude,
            Source = r.Source,
            InspectionId = r.InspectionId,
            ChecklistItemCode = r.ChecklistItemCode,
            LegalBasis = r.LegalBasis,
            Evidence = [.. r.Evidence],
            FoundAt = r.FoundAt,
            ReportedAt = e.Timestamp,
            ReportedBy = r.By,
            LastActivityAt = e.Timestamp
        };
    }

    private void Touch(IEvent e, IHazardEvent data)
    {
        Status = HazardLifecycle.After(Status, data);
        Level = HazardLifecycle.LevelAfter(Level, data);
        Deadline = HazardLifecycle.DeadlineAfter(Deadline, data);
        LastActivityAt = e.Timestamp;
        if (data.By.Id != ReportedBy.Id) ActedOnByOthers = true;
    }

    public void Apply(IEvent<HazardConfirmed> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("Confirmed", e.Data.Remarks, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<HazardDowngraded> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("Downgraded", e.Data.Reason, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<HazardEscalated> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("Escalated", e.Data.Reason, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<HazardDismissed> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("Dismissed", e.Data.Reason, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<HazardWithdrawn> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("Withdrawn", e.Data.Reason, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<RectificationAssigned> e)
    {
        Touch(e, e.Data);
        var a = e.Data;
        Rectification = new RectificationPlan(new PersonRef(a.ResponsibleUserId, a.ResponsibleName), a.Deadline, a.Measures,
            a.Funds, a.ContingencyPlan, a.By, e.Timestamp);
    }

    public void Apply(IEvent<DeadlineExtended> e)
    {
        Touch(e, e.Data);
        DeadlineExtensions++;
        if (Rectification is not null) Rectification = Rectification with { Deadline = e.Data.NewDeadline };
        Decisions.Add(new DecisionRecord("DeadlineExtended", e.Data.Reason, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<RecheckerDesignated> e)
    {
        Touch(e, e.Data);
        Rechecker = new PersonRef(e.Data.RecheckerUserId, e.Data.RecheckerName);
    }

    public void Apply(IEvent<RectificationSubmitted> e)
    {
        Touch(e, e.Data);
        Rectifications.Add(new RectificationRecord(e.Data.Description, [.. e.Data.Evidence], e.Data.OnTheSpot, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<RecheckPassed> e)
    {
        Touch(e, e.Data);
        Rechecks.Add(new RecheckRecord(true, e.Data.Remarks, [.. e.Data.Evidence], e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<RecheckFailed> e)
    {
        Touch(e, e.Data);
        Rechecks.Add(new RecheckRecord(false, e.Data.Remarks, [.. e.Data.Evidence], e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<ClosureRequested> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("ClosureRequested", e.Data.Remarks, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<ClosureApproved> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("ClosureApproved", e.Data.Remarks, e.Data.By, e.Timestamp));
    }

    public void Apply(IEvent<ClosureRejected> e)
    {
        Touch(e, e.Data);
        Decisions.Add(new DecisionRecord("ClosureRejected", e.Data.Remarks, e.Data.By, e.Timestamp));
    }

    /// <summary>A system escalation is not activity of a person: it leaves <see cref="LastActivityAt"/> alone, but nobody may withdraw a supervised hazard.</summary>
    public void Apply(IEvent<OverdueEscalated> e)
    {
        ActedOnByOthers = true;
        Supervision.Add(new SupervisionRecord(e.Data.Tier, e.Data.Deadline, e.Data.EscalatedAt));
    }

    public void Apply(IEvent<HazardClosed> e)
    {
        Touch(e, e.Data);
        ClosedAt = e.Timestamp;
        ClosedBy = e.Data.By;
    }
}

/// <summary>One overdue escalation (督办): the tier it went to, the deadline that passed, when.</summary>
public sealed record SupervisionRecord(SupervisionTier Tier, DateTimeOffset Deadline, DateTimeOffset At);

public sealed record PersonRef(Guid UserId, string Name);

public sealed record RectificationPlan(
    PersonRef Responsible, DateTimeOffset Deadline, string? Measures, decimal? Funds, string? ContingencyPlan,
    Actor AssignedBy, DateTimeOffset AssignedAt);

public sealed record RectificationRecord(string Description, List<EvidenceRef> Evidence, bool OnTheSpot, Actor By, DateTimeOffset At);

public sealed record RecheckRecord(bool Passed, string? Remarks, List<EvidenceRef> Evidence, Actor By, DateTimeOffset At);

/// <summary>A decision on the hazard with its remarks or reason (confirmation, downgrade, closure decision …).</summary>
public sealed record DecisionRecord(string Kind, string? Remarks, Actor By, DateTimeOffset At);
