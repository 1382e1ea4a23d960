using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Registry.Identity;

public static class IdentityStoreConfiguration
{
    /// <summary>
    /// Accounts: an inline snapshot that is the registry's own read model; and the shared kernel's Organisation and
    /// Person documents, written inline so scope and the principal see a change in the same transaction.
    /// </summary>
    public static void ConfigureIdentity(this StoreOptions opts)
    {
        opts.Projections.Add<OrganisationProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<PersonProjection>(ProjectionLifecycle.Inline);

        opts.Projections.Snapshot<UserAccount>(SnapshotLifecycle.Inline);
        opts.Schema.For<UserAccount>()
            .UniqueIndex(x => x.Username)
            .Index(x => x.TownId)
            .Index(x => x.OrganisationId);

        opts.Schema.For<UserCredential>();
        opts.Schema.For<SignInThrottle>();
        opts.Schema.For<RefreshTokenRecord>().Index(x => x.FamilyId);
    }
}
