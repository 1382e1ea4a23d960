namespace AnJiaXing.Api.Hazards;

public enum HazardSource
{
    SelfInspection,
    SupervisionInspection,
    LawEnforcement,
    ThirdPartyInspection,
    QuickCheck,
    RiskPatrol,
    CityOpsDispatch
}
