using Microsoft.Extensions.DependencyInjection.Extensions;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Weasel.Core;
using Wolverine.Marten;

namespace AnJiaXing.Platform.Persistence;

public static class MartenSetup
{
    public const string Schema = "anjiaxing";
    public const string ConnectionStringName = "AnJiaXing";

    public static IServiceCollection AddAnJiaXingMarten(this IServiceCollection services, IReadOnlyList<IAnJiaXingModule> modules)
    {
        services.TryAddSingleton(sp => Tenancy.TownDatabases.From(sp.GetRequiredService<IConfiguration>()));
        // The store's metadata listener refuses unchained appends (LedgerGuard): one per store, registered with it.
        services.TryAddSingleton<LedgerGuard>();
        // Its listener evicts cached accounts and organisations; a store without authentication (unit tests) still has one.
        services.TryAddSingleton<IdentityCache>();
        services.AddMarten(sp =>
            {
                var configuration = sp.GetRequiredService<IConfiguration>();
                var towns = sp.GetRequiredService<Tenancy.TownDatabases>();
                var connectionString = configuration.GetConnectionString(ConnectionStringName);
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        $"No database: set ConnectionStrings__{ConnectionStringName} (the README's run command does it for you).");

                var opts = new StoreOptions();
                if (towns.Several)
                {
                    towns.Configure(opts, connectionString);
                    // Wolverine keeps its nodes, agents and untenanted messages in the district database, and a town's
                    // messages (those its requests and its daemon send) in the town's own (ADR 0030). Read when its
                    // message store is built, which builds this store first.
                    sp.GetRequiredService<MartenIntegration>().MainDatabaseConnectionString = connectionString;
                }
                else opts.Connection(connectionString);
                opts.DatabaseSchemaName = Schema;
                opts.Events.DatabaseSchemaName = Schema;
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                // Who, on whose behalf and from where: stored with every event (see ADR 0006).
                opts.Events.MetadataConfig.HeadersEnabled = true;
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
                opts.Events.MetadataConfig.UserNameEnabled = true;

                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // Start-up applies the whole schema (below); a stamp of the configured DDL's hash (Weasel's schema
                // fingerprint) makes an unchanged schema one SELECT instead of reading every table's definition from
                // the catalogue — seconds of a warm start (issue 12). Any change to a document, index or projection
                // changes the hash and the full comparison runs again; drift made by hand is not seen (`db-assert` is).
                opts.Advanced.Migrator.UseSchemaFingerprinting = true;
                opts.ConfigureTelemetry();
                opts.ConfigureDaemonPolling(configuration);

                opts.Listeners.Add(new EventMetadataListener(sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<LedgerGuard>()));
                // Accounts and organisations cached for authentication and commands leave the cache when they change.
                opts.Listeners.Add(new IdentityChangeListener(sp.GetRequiredService<IdentityCache>()));

                // The platform's own documents; each module then registers its events, projections and indexes.
                opts.ConfigurePlatform();
                foreach (var module in modules) module.ConfigureMarten(opts);
                if (towns.Several)
                {
                    opts.Projections.Subscribe(new Tenancy.TownReplication(sp));
                    opts.Schema.For<Tenancy.StreamHome>();
                }
                return opts;
            })
            .UseLightweightSessions()
            // Whole schema (extensions first) at start-up, not lazily per document type: a trigram index needs pg_trgm before its table.
            .ApplyAllDatabaseChangesOnStartup()
            // Async projections and subscriptions are Wolverine's agents (ADR 0029): its leader runs each on exactly one
            // node, spreads them over the nodes and moves a dead node's to the living. This replaces Marten's own
            // daemon coordination (HotCold), which Wolverine refuses alongside it.
            .IntegrateWithWolverine(m => m.UseWolverineManagedEventSubscriptionDistribution = true);
        // Ahead of every hosted service, Marten's activator (which puts itself first) included: the store upgrades must
        // run before Marten applies the schema.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StoreUpgrader>());
        return services;
    }

    /// <summary>How often the async daemon looks for new events while events arrive (Marten's default), and otherwise.</summary>
    public static readonly TimeSpan FastPolling = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan SlowPolling = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The daemon's high-water agent waits <c>SlowPollingTime</c> (Marten: 1 s) after a poll that finds it caught up
    /// or a gap still open, and <c>FastPollingTime</c> (250 ms) after one that moved. Under a steady write load many
    /// polls land between two commits, so a report often waited a whole second before any projection saw it: that
    /// was the lag's p99 (issue 12, docs/benchmarks.md). A poll is a few small indexed reads, so four a second while
    /// idle cost little. Polling faster while events arrive (100 ms) did not clearly cut the lag further but cost the commands
    /// 13–38 % of their rate on a loaded machine (the daemon shares the process and commits a batch per poll), so
    /// that stays at Marten's 250 ms. <c>AnJiaXing:Daemon:FastPolling</c> and <c>SlowPolling</c> override them
    /// (<c>benchmarks/ab.sh</c> compares settings in the same run).
    /// </summary>
    private static void ConfigureDaemonPolling(this StoreOptions opts, IConfiguration configuration)
    {
        var daemon = configuration.GetSection("AnJiaXing:Daemon");
        opts.Projections.FastPollingTime = daemon.GetValue("FastPolling", FastPolling);
        opts.Projections.SlowPollingTime = daemon.GetValue("SlowPolling", SlowPolling);
    }

    /// <summary>The platform's documents: the shared kernel (written by the Registry module), evidence, idempotency.</summary>
    private static void ConfigurePlatform(this StoreOptions opts)
    {
        // Chinese keyword search (TrigramSearch): the extension ships with PostgreSQL's standard packages.
        opts.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Extension("pg_trgm"));
        opts.Schema.For<Organisation>().Index(x => x.Kind);
        opts.Schema.For<Person>()
            .UniqueIndex(x => x.Username)
            .Index(x => x.TownId)
            .Index(x => x.OrganisationId);

        opts.Schema.For<EvidenceFile>();
        opts.Storage.ExtendedSchemaObjects.Add(EvidenceBlobStore.Table());
        opts.Schema.For<IdempotencyRecord>();
    }
}
