using Marten;
using Marten.Storage;

namespace AnJiaXing.Platform.Tenancy;

/// <summary>
/// Which towns keep their records in a database of their own (镇级布设, issue 20, ADR 0030): Marten tenants, one database
/// each, named by the town's organisation id. Configured as <c>AnJiaXing:Tenancy:Towns:{townId}</c> = connection string.
/// With none (the default), every town is in the one database and nothing here changes what the service does. A town
/// not listed stays in the district database even when others have their own.
/// </summary>
public sealed class TownDatabases
{
    public const string Section = "AnJiaXing:Tenancy:Towns";

    /// <summary>Marten's identifier of the district database (the default tenant's, which holds what is not a town's).</summary>
    public const string District = "district";

    private readonly Dictionary<Guid, string> _towns;

    public TownDatabases(IReadOnlyDictionary<Guid, string> towns) => _towns = new Dictionary<Guid, string>(towns);

    public static TownDatabases From(IConfiguration configuration)
    {
        var towns = new Dictionary<Guid, string>();
        foreach (var town in configuration.GetSection(Section).GetChildren())
        {
            if (!Guid.TryParse(town.Key, out var id))
                throw new InvalidOperationException($"{Section}:{town.Key}: a town is named by its organisation id (a GUID).");
            if (string.IsNullOrWhiteSpace(town.Value))
                throw new InvalidOperationException($"{Section}:{town.Key}: no connection string.");
            towns[id] = town.Value;
        }
        return new TownDatabases(towns);
    }

    /// <summary>True when at least one town has a database of its own.</summary>
    public bool Several => _towns.Count > 0;

    /// <summary>The tenant of a town with a database of its own; null for the district database.</summary>
    public string? TenantOf(Guid? town) => town is { } t && _towns.ContainsKey(t) ? TenantId(t) : null;

    public static string TenantId(Guid town) => town.ToString("D");

    /// <summary>Every tenant with a database of its own (the district's is the default session, not listed).</summary>
    public IEnumerable<string> Tenants => _towns.Keys.Select(TenantId);

    /// <summary>Whether a Marten database is the district's (also true when there is only the one).</summary>
    public static bool IsDistrict(IMartenDatabase database) => TownOf(database) is null;

    /// <summary>The town whose database this is, or null for the district's.</summary>
    public static Guid? TownOf(IMartenDatabase database) => Guid.TryParse(NameOf(database), out var town) ? town : null;

    /// <summary>Marten's name of a database: the tenant id of a town's, <see cref="District"/> for the district's.</summary>
    // Marten names a tenant's database by this identifier; the server-and-name id it recommends instead does not say
    // which tenant a database is.
#pragma warning disable CS0618
    public static string NameOf(IMartenDatabase database) => database.Identifier;
#pragma warning restore CS0618

    /// <summary>Sets the store up for several databases: the district's as the default tenant, each town as its own.</summary>
    public void Configure(StoreOptions opts, string districtConnectionString)
    {
        RequireDistinctDatabases(districtConnectionString);
        opts.MultiTenantedDatabases(tenancy =>
        {
            tenancy.AddMultipleTenantDatabase(districtConnectionString, District).ForTenants().AsDefault();
            foreach (var (town, connection) in _towns) tenancy.AddSingleTenantDatabase(connection, TenantId(town));
        });
        // Marten turns the default tenant off with several databases; here it is the district database on purpose:
        // accounts, the registry, the district's read models and everything that names no town.
        opts.Advanced.DefaultTenantUsageEnabled = true;
    }

    /// <summary>
    /// Marten and Wolverine know a database by its host and name, not its port (their agents are named so): two
    /// databases with the same host and name — two clusters on one machine, say — would share one set of projection
    /// and message agents, and the second's would never run (scripts/scale.sh found it). Refused at start.
    /// </summary>
    private void RequireDistinctDatabases(string districtConnectionString)
    {
        var seen = new Dictionary<string, string>();
        foreach (var (name, connection) in _towns.Select(t => (TenantId(t.Key), t.Value)).Prepend((District, districtConnectionString)))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            var key = $"{builder.Host?.ToLowerInvariant()}/{builder.Database?.ToLowerInvariant()}";
            if (seen.TryGetValue(key, out var other))
                throw new InvalidOperationException(
                    $"{Section}: the databases of {other} and {name} are both '{builder.Database}' on '{builder.Host}'. Give each a " +
                    "database name (or host) of its own: Marten and Wolverine tell databases apart by host and name, not by port.");
            seen[key] = name;
        }
    }

    /// <summary>Every database of the store: the district's first, then the towns'.</summary>
    public static async Task<IReadOnlyList<IMartenDatabase>> AllAsync(IDocumentStore store)
    {
        var all = await store.Storage.AllDatabases();
        return [.. all.OrderBy(d => IsDistrict(d) ? 0 : 1).ThenBy(NameOf)];
    }
}
