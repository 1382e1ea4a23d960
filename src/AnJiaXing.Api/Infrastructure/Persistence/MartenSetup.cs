using AnJiaXing.Api.Hazards;
using AnJiaXing.Api.Checklists;
using AnJiaXing.Api.Enterprises;
using AnJiaXing.Api.Identity;
using AnJiaXing.Api.Inspections;
using AnJiaXing.Api.Knowledge;
using AnJiaXing.Api.Statistics;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Weasel.Core;
using Wolverine.Marten;

namespace AnJiaXing.Api.Infrastructure.Persistence;

public static class MartenSetup
{
    public const string Schema = "anjiaxing";
    public const string ConnectionStringName = "AnJiaXing";

    public static IServiceCollection AddAnJiaXingMarten(this IServiceCollection services)
    {
        services.AddMarten(sp =>
            {
                var configuration = sp.GetRequiredService<IConfiguration>();
                var connectionString = configuration.GetConnectionString(ConnectionStringName);
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        $"No database: set ConnectionStrings__{ConnectionStringName} (the README's run command does it for you).");

                var opts = new StoreOptions();
                opts.Connection(connectionString);
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

                opts.Listeners.Add(new EventMetadataListener(sp.GetRequiredService<IHttpContextAccessor>()));

                // Each feature registers its own projections and indexes.
                opts.ConfigureIdentity();
                opts.ConfigureEnterprises();
                opts.ConfigureInspections();
                opts.ConfigureHazards();
                opts.ConfigureChecklists();
                opts.ConfigureKnowledge();
                opts.ConfigureStatistics();
                return opts;
            })
            .UseLightweightSessions()
            // Whole schema (extensions first) at start-up, not lazily per document type: a trigram index needs pg_trgm before its table.
            .ApplyAllDatabaseChangesOnStartup()
            // Statistics projections run here; HotCold elects one node per projection when several run.
            .AddAsyncDaemon(DaemonMode.HotCold)
            .IntegrateWithWolverine();
        return services;
    }
}
