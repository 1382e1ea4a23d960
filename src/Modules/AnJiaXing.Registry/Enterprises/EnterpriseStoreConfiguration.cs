using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AnJiaXing.Registry.Enterprises;

public static class EnterpriseStoreConfiguration
{
    /// <summary>The registry's read models (inline: written in the command's transaction) and the indexes search needs.</summary>
    public static void ConfigureEnterprises(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Enterprise>(SnapshotLifecycle.Inline);

        // Substring search on Chinese names: a trigram GIN index serves LIKE '%…%' on the lower-cased search text
        // (ADR 0016). The extension ships with PostgreSQL's standard packages.
        opts.Schema.For<Enterprise>()
            .UniqueIndex("uix_enterprise_credit_code", x => x.CreditCode)
            .Index(x => x.TownId)
            .Index(x => x.Enabled)
            .Index(x => x.Name)
            .GinIndexJsonData()
            .TrigramSearchOn(x => x.SearchText);

        opts.Projections.Add<EnterpriseFileProjection>(ProjectionLifecycle.Inline);
    }
}
