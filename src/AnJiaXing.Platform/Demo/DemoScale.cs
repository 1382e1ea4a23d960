namespace AnJiaXing.Platform.Demo;

/// <summary>How much demo data to seed (configuration <c>AnJiaXing:DemoScale</c>).</summary>
public enum DemoScale
{
    /// <summary>The demo district with its named accounts and a few dozen hazards: quick enough for every test host.</summary>
    Small,

    /// <summary>
    /// The small district plus a year of activity in all twelve towns: a supervisor per town, about 25 enterprises per
    /// town over the four key domains, ten hazards per enterprise in every status, inspections per town.
    /// </summary>
    District
}
