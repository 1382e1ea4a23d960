namespace AnJiaXing.Api.Hazards;

public enum HazardLevel
{
    General,
    Major
}
