using JasperFx.Events;

namespace AnJiaXing.Monitoring.Devices;

/// <summary>A device (传感器 / 摄像头) of an enterprise: the inline projection behind its reads and the state its commands decide on.</summary>
public sealed class DeviceView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public DeviceKind Kind { get; set; }
    public string Name { get; set; } = "";
    public List<string> MonitoringPointCodes { get; set; } = [];
    public string? StreamUrl { get; set; }
    public string? KeyFingerprint { get; set; }
    public bool KeyRevoked { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    public static DeviceView Create(IEvent<DeviceRegistered> e) => new()
    {
        Id = e.Data.DeviceId, EnterpriseId = e.Data.EnterpriseId, EnterpriseName = e.Data.EnterpriseName, TownId = e.Data.TownId,
        Domains = [.. e.Data.Domains], Kind = e.Data.Kind, Name = e.Data.Name, MonitoringPointCodes = [.. e.Data.MonitoringPointCodes],
        StreamUrl = e.Data.StreamUrl, KeyFingerprint = e.Data.KeyFingerprint, RegisteredAt = e.Timestamp
    };

    public void Apply(DeviceKeyRevoked _) => KeyRevoked = true;

    /// <summary>The device as the actor of what its readings cause (alarms): it acts for its enterprise.</summary>
    public Actor AsActor() => new(Id, $"监测设备 {Name}", Role.EnterpriseUser, EnterpriseId, EnterpriseName);

    public DeviceKeyRevoked RevokeKey(string reason, Actor by)
    {
        if (Kind != DeviceKind.Sensor || KeyFingerprint is null)
            throw ApiProblemException.Conflict(ProblemLanguage.Say("摄像头没有设备密钥。", "A camera has no device key."), State(this));
        if (KeyRevoked) throw ApiProblemException.Conflict(ProblemLanguage.Say("该设备密钥已吊销。", "The device key is already revoked."), State(this));
        return new DeviceKeyRevoked(Id, EnterpriseId, reason, KeyFingerprint, by);
    }

    public static Dictionary<string, object?> State(DeviceView d) =>
        new Dictionary<string, object?> { ["keyRevoked"] = d.KeyRevoked, ["kind"] = d.Kind.ToString() };
}

public static class DeviceAccess
{
    public static bool Sees(Caller caller, DeviceView d) => caller.Scope.CoversEnterprise(d.EnterpriseId, d.TownId, d.Domains);

    public static readonly CommandRules<DeviceView> Revoke = new(new Noun("设备", "Device"), Sees,
        (caller, _) => MajorHazardSourceAccess.MayRegister(caller),
        _ => ProblemLanguage.Say("您的角色不能吊销设备密钥。", "Your role may not revoke device keys."), DeviceView.State);
}
