namespace AnJiaXing.Platform.Security;

/// <summary>Claim types of an authenticated AnJiaXing principal (after <see cref="AccountPrincipalFactory"/>).</summary>
public static class AnJiaXingClaims
{
    public const string UserId = "sub";
    public const string Username = "username";
    public const string Name = "name";
    public const string Role = "role";
    public const string OrganisationId = "org";
    public const string OrganisationName = "org_name";
    public const string OrganisationKind = "org_kind";
    public const string TownId = "town";
    public const string EnterpriseId = "enterprise";
    public const string Domain = "domain";

    /// <summary>The account's security stamp when the built-in token was issued (see <c>Person.SecurityStamp</c>).</summary>
    public const string SecurityStamp = "stamp";
}
