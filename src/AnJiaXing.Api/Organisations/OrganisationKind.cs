namespace AnJiaXing.Api.Organisations;

public enum OrganisationKind
{
    District,
    Town,
    Department,
    Enterprise
}
