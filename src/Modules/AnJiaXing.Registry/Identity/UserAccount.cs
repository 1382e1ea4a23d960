using JasperFx.Events;

namespace AnJiaXing.Registry.Identity;

/// <summary>
/// An account stream's state (inline snapshot, also the account read model). The decision methods return the
/// events a command produces, or refuse; they never change state themselves.
/// </summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }

    /// <summary>Stored lower-case; unique (index in the store).</summary>
    public string Username { get; set; } = "";

    public string DisplayName { get; set; } = "";
    public Role Role { get; set; }
    public Guid OrganisationId { get; set; }
    public string OrganisationName { get; set; } = "";
    public OrganisationKind OrganisationKind { get; set; }
    public Guid? TownId { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Public keys the person registered for personal signatures; old keys stay, so old signatures still verify.</summary>
    public List<SigningKeyRef> SigningKeys { get; set; } = [];

    public static UserAccount Create(IEvent<AccountCreated> e) => new()
    {
        Id = e.Data.AccountId,
        Username = e.Data.Username,
        DisplayName = e.Data.DisplayName,
        Role = e.Data.Role,
        OrganisationId = e.Data.OrganisationId,
        OrganisationName = e.Data.OrganisationName,
        OrganisationKind = e.Data.OrganisationKind,
        TownId = e.Data.TownId,
        CreatedAt = e.Timestamp
    };

    public void Apply(AccountDisabled _) => Enabled = false;
    public void Apply(AccountEnabled _) => Enabled = true;
    public void Apply(AccountPasswordReset _) { }
    public void Apply(IEvent<AccountSigningKeyRegistered> e) => SigningKeys.Add(new SigningKeyRef(e.Data.KeyId, e.Data.PublicKey, e.Timestamp));

    public void Apply(AccountRoleChanged e)
    {
        Role = e.Role;
        OrganisationId = e.OrganisationId;
        OrganisationName = e.OrganisationName;
        OrganisationKind = e.OrganisationKind;
        TownId = e.TownId;
    }

    public static string NormaliseUsername(string username) => username.Trim().ToLowerInvariant();

    /// <summary>Which organisation kind each role belongs to.</summary>
    public static OrganisationKind OrganisationKindFor(Role role) => role switch
    {
        Role.EnterpriseUser => OrganisationKind.Enterprise,
        Role.TownSupervisor or Role.ThirdPartyInspector => OrganisationKind.Town,
        Role.DepartmentOfficer => OrganisationKind.Department,
        _ => OrganisationKind.District
    };

    public static AccountCreated Open(Guid id, string username, string displayName, Role role, Organisation org, Actor by)
    {
        if (org.Kind != OrganisationKindFor(role))
            throw ApiProblemException.Validation("organisationId",
                ProblemLanguage.Say($"{role} 账号须属于 {OrganisationKindFor(role)}，不能属于 {org.Kind}“{org.Name}”。", $"A {role} account belongs to a {OrganisationKindFor(role)}, not to the {org.Kind} '{org.Name}'."));
        if (!org.Enabled)
            throw ApiProblemException.Validation("organisationId", ProblemLanguage.Say($"“{org.Name}”已停用。", $"'{org.Name}' is disabled."));
        return new AccountCreated(id, NormaliseUsername(username), displayName.Trim(), role, org.Id, org.Name, org.Kind, org.TownId, by);
    }

    public AccountDisabled Disable(string? reason, Actor by)
    {
        if (!Enabled) throw ApiProblemException.Conflict(ProblemLanguage.Say($"账号“{Username}”已经停用。", $"Account '{Username}' is already disabled."), State);
        if (by.Id == Id) throw ApiProblemException.Conflict(ProblemLanguage.Say("不能停用自己的账号。", "You cannot disable your own account."), State);
        return new AccountDisabled(Id, reason, by);
    }

    public AccountEnabled Enable(Actor by)
    {
        if (Enabled) throw ApiProblemException.Conflict(ProblemLanguage.Say($"账号“{Username}”已经启用。", $"Account '{Username}' is already enabled."), State);
        return new AccountEnabled(Id, by);
    }

    public AccountRoleChanged ChangeRole(Role role, Organisation org, Actor by)
    {
        if (org.Kind != OrganisationKindFor(role))
            throw ApiProblemException.Validation("organisationId",
                ProblemLanguage.Say($"{role} 账号须属于 {OrganisationKindFor(role)}，不能属于 {org.Kind}“{org.Name}”。", $"A {role} account belongs to a {OrganisationKindFor(role)}, not to the {org.Kind} '{org.Name}'."));
        if (role == Role && org.Id == OrganisationId)
            throw ApiProblemException.Conflict(ProblemLanguage.Say("该账号已是此角色和单位。", "The account already has this role and organisation."), State);
        return new AccountRoleChanged(Id, role, org.Id, org.Name, org.Kind, org.TownId, by);
    }

    private Dictionary<string, object?> State => new() { ["enabled"] = Enabled, ["version"] = Version };
}

