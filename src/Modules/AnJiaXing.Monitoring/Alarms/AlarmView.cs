using JasperFx.Events;

namespace AnJiaXing.Monitoring.Alarms;

/// <summary>An alarm (报警): the inline projection behind the alarm list and the state acknowledge/resolve decide on.</summary>
public sealed class AlarmView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string PointCode { get; set; } = "";
    public Guid SourceId { get; set; }
    public string SourceName { get; set; } = "";
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public ThresholdLevel Level { get; set; }
    public double Threshold { get; set; }
    public double Value { get; set; }
    public string Unit { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public Guid DeviceId { get; set; }
    public AlarmStatus Status { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Actor? AcknowledgedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Actor? ResolvedBy { get; set; }
    public string? Remarks { get; set; }

    public static AlarmView Create(AlarmRaised e) => new()
    {
        Id = e.AlarmId, PointCode = e.PointCode, SourceId = e.SourceId, SourceName = e.SourceName, EnterpriseId = e.EnterpriseId,
        EnterpriseName = e.EnterpriseName, TownId = e.TownId, Domains = [.. e.Domains], Level = e.Level, Threshold = e.Threshold,
        Value = e.Value, Unit = e.Unit, RaisedAt = e.At, DeviceId = e.DeviceId, Status = AlarmStatus.Open
    };

    public void Apply(IEvent<AlarmAcknowledged> e)
    {
        Status = AlarmStatus.Acknowledged;
        AcknowledgedAt = e.Timestamp;
        AcknowledgedBy = e.Data.By;
        Remarks = e.Data.Remarks ?? Remarks;
    }

    public void Apply(IEvent<AlarmResolved> e)
    {
        Status = AlarmStatus.Resolved;
        ResolvedAt = e.Timestamp;
        ResolvedBy = e.Data.By;
        Remarks = e.Data.Remarks ?? Remarks;
    }

    // Decisions: they return events and never change the view.
    public AlarmAcknowledged Acknowledge(string? remarks, Actor by) => Status == AlarmStatus.Open
        ? new AlarmAcknowledged(Id, EnterpriseId, remarks, by)
        : throw ApiProblemException.Conflict(Status == AlarmStatus.Acknowledged
            ? ProblemLanguage.Say("该报警已确认。", "The alarm is already acknowledged.")
            : ProblemLanguage.Say("该报警已解除。", "The alarm is already resolved."), State(this));

    /// <param name="stillActive">Whether the point's latest reading still holds the alarm's condition (within the deadband).</param>
    public AlarmResolved Resolve(string? remarks, bool stillActive, Actor by)
    {
        if (Status == AlarmStatus.Resolved) throw ApiProblemException.Conflict(ProblemLanguage.Say("该报警已解除。", "The alarm is already resolved."), State(this));
        if (stillActive) throw ApiProblemException.Conflict(ProblemLanguage.Say("测点读数仍处于报警范围，恢复正常后方可解除报警。", "The point's reading is still in the alarm range; resolve the alarm once it is back to normal."), State(this));
        return new AlarmResolved(Id, EnterpriseId, remarks, by);
    }

    public static Dictionary<string, object?> State(AlarmView a) => new Dictionary<string, object?> { ["currentStatus"] = a.Status.ToString() };
}

public static class AlarmAccess
{
    public static bool Sees(Caller caller, AlarmView a) => caller.Scope.CoversEnterprise(a.EnterpriseId, a.TownId, a.Domains);

    /// <summary>Who answers alarms: the enterprise, its town's supervisors, the departments of its domains, the district.</summary>
    public static bool MayHandle(Caller caller, AlarmView _) =>
        caller.Role is Role.EnterpriseUser or Role.TownSupervisor or Role.DepartmentOfficer or Role.DistrictAdmin;

    public static readonly Noun Name = new("报警", "Alarm");

    public static readonly CommandRules<AlarmView> Handle = new(Name, Sees, MayHandle,
        _ => ProblemLanguage.Say("您的角色不能处理报警。", "Your role may not handle alarms."), AlarmView.State);
}
