using JasperFx.Events;

namespace AnJiaXing.RiskControl.Contracts;

/// <summary>One entry of a risk point's assessment history, oldest first.</summary>
public sealed record AssessmentRecord(long Version, RiskAssessment Assessment, double Score, RiskLevel Level, string? Reason, DateTimeOffset At, Actor By);

/// <summary>A re-assessment asked for by a closed hazard of the point, waiting for the next assessment.</summary>
public sealed record ReassessmentRequest(Guid HazardId, string HazardDescription, DateTimeOffset HazardClosedAt, DateTimeOffset RequestedAt);

/// <summary>
/// A risk point's state: the inline projection behind <c>GET /api/risk-points/{id}</c>, search and the counts by level
/// (published, so Statistics counts the same model the list shows). Folding only.
/// </summary>
public sealed class RiskPointView
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    public Guid? EnterpriseId { get; set; }
    public string? EnterpriseName { get; set; }
    public Guid TownId { get; set; }
    public string TownName { get; set; } = "";
    public IndustryDomain Domain { get; set; }
    public bool Public { get; set; }

    public string Name { get; set; } = "";
    public string? Location { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string Category { get; set; } = "";
    public string? HazardFactors { get; set; }
    public string? PossibleAccidents { get; set; }
    public List<string> ControlMeasures { get; set; } = [];
    public string? EmergencyMeasures { get; set; }
    public string? EmergencyPhone { get; set; }
    public RiskResponsible? Responsible { get; set; }

    public RiskAssessment Assessment { get; set; } = new(AssessmentMethod.LS, 1, S: 1);
    public double Score { get; set; }
    public RiskLevel Level { get; set; }
    public string Colour { get; set; } = "";
    public List<AssessmentRecord> Assessments { get; set; } = [];

    public DateTimeOffset RegisteredAt { get; set; }
    public Actor RegisteredBy { get; set; } = Actor.System;
    public DateTimeOffset LastAssessedAt { get; set; }

    /// <summary>Re-assessments asked for by closed hazards since the last assessment (the responsible person's to-do).</summary>
    public List<ReassessmentRequest> PendingReassessments { get; set; } = [];
    public bool ReassessmentDue { get; set; }

    /// <summary>Every hazard that ever asked for a re-assessment of this point: each asks once.</summary>
    public List<Guid> ResidualHazardIds { get; set; } = [];

    public static RiskPointView Create(IEvent<RiskPointRegistered> e)
    {
        var r = e.Data;
        return new RiskPointView
        {
            Id = r.RiskPointId,
            EnterpriseId = r.EnterpriseId,
            EnterpriseName = r.EnterpriseName,
            TownId = r.TownId,
            TownName = r.TownName,
            Domain = r.Domain,
            Public = r.Public,
            Name = r.Name,
            Location = r.Location,
            Latitude = r.Latitude,
            Longitude = r.Longitude,
            Category = r.Category,
            HazardFactors = r.HazardFactors,
            PossibleAccidents = r.PossibleAccidents,
            ControlMeasures = [.. r.ControlMeasures],
            EmergencyMeasures = r.EmergencyMeasures,
            EmergencyPhone = r.EmergencyPhone,
            Responsible = r.Responsible,
            Assessment = r.Assessment,
            Score = r.Score,
            Level = r.Level,
            Colour = r.Level.Colour(),
            Assessments = [new AssessmentRecord(e.Version, r.Assessment, r.Score, r.Level, null, e.Timestamp, r.By)],
            RegisteredAt = e.Timestamp,
            RegisteredBy = r.By,
            LastAssessedAt = e.Timestamp
        };
    }

    public void Apply(IEvent<RiskPointReassessed> e)
    {
        var r = e.Data;
        Assessment = r.Assessment;
        Score = r.Score;
        Level = r.Level;
        Colour = r.Level.Colour();
        Assessments.Add(new AssessmentRecord(e.Version, r.Assessment, r.Score, r.Level, r.Reason, e.Timestamp, r.By));
        LastAssessedAt = e.Timestamp;
        PendingReassessments = [];
        ReassessmentDue = false;
    }

    public void Apply(IEvent<RiskPointReassessmentRequested> e)
    {
        PendingReassessments.Add(new ReassessmentRequest(e.Data.HazardId, e.Data.HazardDescription, e.Data.HazardClosedAt, e.Timestamp));
        ResidualHazardIds.Add(e.Data.HazardId);
        ReassessmentDue = true;
    }
}
