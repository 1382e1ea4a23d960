using JasperFx.Events;

namespace AnJiaXing.RiskControl.Contracts;

public enum PatrolFrequency
{
    Day,
    Week,
    Month
}

/// <summary>How often a task's risk points are patrolled: <see cref="Times"/> patrols every day, week or month (China Standard Time).</summary>
public sealed record PatrolSchedule(PatrolFrequency Every, int Times = 1);

/// <summary>A patrol task (风险巡查任务) was configured: which risk points, who patrols, how often, what to check.</summary>
public sealed record PatrolTaskConfigured(
    Guid TaskId,
    Guid? EnterpriseId,
    string? EnterpriseName,
    Guid TownId,
    IndustryDomain Domain,
    bool Public,
    string Name,
    IReadOnlyList<Guid> RiskPointIds,
    IReadOnlyList<RiskResponsible> Assignees,
    PatrolSchedule Schedule,
    IReadOnlyList<string> CheckItems,
    DateTimeOffset StartsAt,
    Actor By);

/// <summary>One checked item of a patrol: normal (<see cref="Ok"/>) or not, with notes and evidence.</summary>
public sealed record PatrolResult(string Item, bool Ok, string? Notes, IReadOnlyList<EvidenceRef> Evidence);

/// <summary>The hazard an abnormal result raised (its id is derived from the patrol and the item).</summary>
public sealed record PatrolHazard(string Item, Guid HazardId);

/// <summary>
/// A patrol of a risk point was recorded (巡查记录) and signed by its patroller. Every abnormal result of an enterprise's
/// point raises one hazard (<see cref="RaisedHazards"/>); a public point has no enterprise to hold a hazard, so its
/// abnormal results are recorded only.
/// </summary>
public sealed record PatrolRecorded(
    Guid PatrolId,
    Guid? TaskId,
    Guid RiskPointId,
    string RiskPointName,
    Guid? EnterpriseId,
    Guid TownId,
    IndustryDomain Domain,
    IReadOnlyList<PatrolResult> Results,
    IReadOnlyList<PatrolHazard> RaisedHazards,
    DateTimeOffset PatrolledAt,
    Actor By);

/// <summary>
/// A window of a patrol task closed without all its patrols (巡查漏检): appended once per window by the task's durable
/// scheduler when the window's end has passed by the service's clock. <see cref="UnpatrolledRiskPointIds"/> are the
/// points short of their patrols, <see cref="Assignees"/> who was to patrol them (for reminders).
/// </summary>
public sealed record PatrolMissed(
    Guid TaskId,
    string TaskName,
    Guid? EnterpriseId,
    string? EnterpriseName,
    Guid TownId,
    IndustryDomain Domain,
    DateTimeOffset From,
    DateTimeOffset To,
    int Required,
    int Done,
    IReadOnlyList<Guid> UnpatrolledRiskPointIds,
    IReadOnlyList<RiskResponsible> Assignees,
    Actor By);

/// <summary>A patrol task's state (inline projection): the configuration as answered by its reads, and the windows missed.</summary>
public sealed class PatrolTaskView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid? EnterpriseId { get; set; }
    public string? EnterpriseName { get; set; }
    public Guid TownId { get; set; }
    public IndustryDomain Domain { get; set; }
    public bool Public { get; set; }
    public string Name { get; set; } = "";
    public List<Guid> RiskPointIds { get; set; } = [];
    public List<RiskResponsible> Assignees { get; set; } = [];
    public PatrolSchedule Schedule { get; set; } = new(PatrolFrequency.Day);
    public List<string> CheckItems { get; set; } = [];
    public DateTimeOffset StartsAt { get; set; }
    public Actor ConfiguredBy { get; set; } = Actor.System;

    /// <summary>The starts of the windows <see cref="PatrolMissed"/> was appended for, oldest first.</summary>
    public List<DateTimeOffset> MissedWindows { get; set; } = [];

    public void Apply(PatrolMissed e) => MissedWindows.Add(e.From);

    public static PatrolTaskView Create(IEvent<PatrolTaskConfigured> e)
    {
        var t = e.Data;
        return new PatrolTaskView
        {
            Id = t.TaskId, EnterpriseId = t.EnterpriseId, EnterpriseName = t.EnterpriseName, TownId = t.TownId, Domain = t.Domain,
            Public = t.Public, Name = t.Name, RiskPointIds = [.. t.RiskPointIds], Assignees = [.. t.Assignees], Schedule = t.Schedule,
            CheckItems = [.. t.CheckItems], StartsAt = t.StartsAt, ConfiguredBy = t.By
        };
    }
}

/// <summary>A patrol record (inline projection; a record is signed once and never changes).</summary>
public sealed class PatrolRecordView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid? TaskId { get; set; }
    public Guid RiskPointId { get; set; }
    public string RiskPointName { get; set; } = "";
    public Guid? EnterpriseId { get; set; }
    public Guid TownId { get; set; }
    public IndustryDomain Domain { get; set; }
    public List<PatrolResult> Results { get; set; } = [];
    public int Abnormal { get; set; }
    public List<PatrolHazard> RaisedHazards { get; set; } = [];
    public DateTimeOffset PatrolledAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Actor PatrolledBy { get; set; } = Actor.System;

    public static PatrolRecordView Create(IEvent<PatrolRecorded> e)
    {
        var p = e.Data;
        return new PatrolRecordView
        {
            Id = p.PatrolId, TaskId = p.TaskId, RiskPointId = p.RiskPointId, RiskPointName = p.RiskPointName, EnterpriseId = p.EnterpriseId,
            TownId = p.TownId, Domain = p.Domain, Results = [.. p.Results], Abnormal = p.Results.Count(r => !r.Ok),
            RaisedHazards = [.. p.RaisedHazards], PatrolledAt = p.PatrolledAt, RecordedAt = e.Timestamp, PatrolledBy = p.By
        };
    }
}
