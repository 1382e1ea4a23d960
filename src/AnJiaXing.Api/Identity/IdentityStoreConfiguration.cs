using AnJiaXing.Api.Organisations;
using JasperFx.Events.Projections;
using Marten;

namespace AnJiaXing.Api.Identity;

public static class IdentityStoreConfiguration
{
    /// <summary>Organisations and accounts: inline snapshots that double as read models.</summary>
    public static void ConfigureIdentity(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Organisation>(SnapshotLifecycle.Inline);
        opts.Schema.For<Organisation>().Index(x => x.Kind);

        opts.Projections.Snapshot<UserAccount>(SnapshotLifecycle.Inline);
        opts.Schema.For<UserAccount>()
            .UniqueIndex(x => x.Username)
            .Index(x => x.TownId)
            .Index(x => x.OrganisationId);

        opts.Schema.For<UserCredential>();
    }
}
