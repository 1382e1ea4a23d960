namespace AnJiaXing.Platform.Organisations;

public enum OrganisationKind
{
    District,
    Town,
    Department,
    Enterprise
}
