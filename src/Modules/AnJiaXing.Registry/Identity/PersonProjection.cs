using JasperFx.Events;
using Marten.Events.Aggregation;

namespace AnJiaXing.Registry.Identity;

/// <summary>Writes the shared kernel's <see cref="Person"/> (inline) from the account streams.</summary>
public partial class PersonProjection : SingleStreamProjection<Person, Guid>
{
    public static Person Create(AccountCreated e) => new()
    {
        SecurityStamp = 1,
        Id = e.AccountId,
        Username = e.Username,
        DisplayName = e.DisplayName,
        Role = e.Role,
        OrganisationId = e.OrganisationId,
        OrganisationName = e.OrganisationName,
        OrganisationKind = e.OrganisationKind,
        TownId = e.TownId
    };

    // The stamp is the version of the event that changed it: deterministic, so a rebuild gives the same stamps.
    public static void Apply(IEvent<AccountDisabled> e, Person p)
    {
        p.Enabled = false;
        p.SecurityStamp = e.Version;
    }

    public static void Apply(AccountEnabled _, Person p) => p.Enabled = true;
    public static void Apply(IEvent<AccountPasswordReset> e, Person p) => p.SecurityStamp = e.Version;

    public static void Apply(IEvent<AccountSigningKeyRegistered> e, Person p) =>
        p.SigningKeys.Add(new SigningKeyRef(e.Data.KeyId, e.Data.PublicKey, e.Timestamp));

    public static void Apply(IEvent<AccountRoleChanged> @event, Person p)
    {
        var e = @event.Data;
        p.SecurityStamp = @event.Version;
        p.Role = e.Role;
        p.OrganisationId = e.OrganisationId;
        p.OrganisationName = e.OrganisationName;
        p.OrganisationKind = e.OrganisationKind;
        p.TownId = e.TownId;
    }
}
