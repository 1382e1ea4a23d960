using System.Security.Claims;

namespace AnJiaXing.Platform.Security;

/// <summary>
/// The authenticated caller with everything scope decisions need: role, organisation, its town and domains.
/// Built once per request from the account and organisation records (see <see cref="AccountPrincipalFactory"/>).
/// </summary>
public sealed record Caller(
    Guid UserId,
    string Username,
    string DisplayName,
    Role Role,
    Guid OrganisationId,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    Guid? TownId,
    Guid? EnterpriseId,
    IReadOnlyList<IndustryDomain> Domains)
{
    public Actor Actor => new(UserId, DisplayName, Role, OrganisationId, OrganisationName);

    public AccessScope Scope => new(Role, TownId, EnterpriseId, Domains);

    public static Caller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
            throw Http.ApiProblemException.Unauthorized(Http.ProblemLanguage.Say("请先登录。", "Authentication is required."));

        string Get(string type) => user.FindFirst(type)?.Value
            ?? throw Http.ApiProblemException.Unauthorized(Http.ProblemLanguage.Say($"访问令牌缺少“{type}”声明。", $"The token lacks the '{type}' claim."));
        Guid? OptionalGuid(string type) => Guid.TryParse(user.FindFirst(type)?.Value, out var g) ? g : null;

        return new Caller(
            Guid.Parse(Get(AnJiaXingClaims.UserId)),
            Get(AnJiaXingClaims.Username),
            Get(AnJiaXingClaims.Name),
            Enum.Parse<Role>(Get(AnJiaXingClaims.Role)),
            Guid.Parse(Get(AnJiaXingClaims.OrganisationId)),
            Get(AnJiaXingClaims.OrganisationName),
            Enum.Parse<OrganisationKind>(Get(AnJiaXingClaims.OrganisationKind)),
            OptionalGuid(AnJiaXingClaims.TownId),
            OptionalGuid(AnJiaXingClaims.EnterpriseId),
            user.FindAll(AnJiaXingClaims.Domain).Select(c => Enum.Parse<IndustryDomain>(c.Value)).ToArray());
    }
}
