namespace AnJiaXing.CityPlatform;

/// <summary>Who may look at and act on the exchange with the city platform: the district's administrators (and auditors, to look).</summary>
public static class CityAccess
{
    public static bool SeesDeliveries(Caller caller) => caller.Role is Role.DistrictAdmin or Role.Auditor;

    public static bool MayResend(Caller caller) => caller.Role is Role.DistrictAdmin;
}
