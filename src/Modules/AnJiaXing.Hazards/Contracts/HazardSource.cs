namespace AnJiaXing.Hazards.Contracts;

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
