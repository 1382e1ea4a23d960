namespace AnJiaXing.CityPlatform;

/// <summary>Who may look at and act on the exchange with the city platform.</summary>
public static class CityAccess
{
    /// <summary>The feed's deliveries: the district's administrators (and auditors, to look).</summary>
    public static bool SeesDeliveries(Caller caller) => caller.Role is Role.DistrictAdmin or Role.Auditor;

    public static bool MayResend(Caller caller) => caller.Role is Role.DistrictAdmin;

    /// <summary>Triage items at all: the district (administrators, auditors) and the towns' supervisors.</summary>
    public static bool SeesTriage(Caller caller) => caller.Scope.IsDistrictWide || caller.Role is Role.TownSupervisor;

    /// <summary>A triage item of a town (none: the district's): the district sees all, a supervisor their town's.</summary>
    public static bool SeesTriage(Caller caller, Guid? townId) =>
        SeesTriage(caller) && (caller.Scope.IsDistrictWide || townId is { } t && caller.Scope.CoversTown(t));

    /// <summary>Settling (resolving, rejecting) an item the caller sees: not auditors, who only look.</summary>
    public static bool MaySettle(Caller caller) => caller.Role is Role.DistrictAdmin or Role.TownSupervisor;
}
