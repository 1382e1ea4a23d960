using System.Diagnostics;
using Marten;
using Marten.Storage;
using AnJiaXing.Platform.Tenancy;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// Which database a ledger request reads when towns have databases of their own (ADR 0030): each chains and seals what
/// it holds, so an auditor names one (<c>district</c> or a town's organisation id), or a stream is verified where it was
/// appended, or the whole ledger is every database's. With one database every answer is that database's, as before.
/// </summary>
public sealed class LedgerDatabases(IDocumentStore store, TownDatabases towns)
{
    /// <summary>The database named by <paramref name="name"/>, the district's when none is named; 400 for another name.</summary>
    public async Task<IMartenDatabase> NamedAsync(string? name)
    {
        if (string.IsNullOrEmpty(name) || string.Equals(name, TownDatabases.District, StringComparison.OrdinalIgnoreCase))
            return store.Storage.Database;
        if (Guid.TryParse(name, out var town) && towns.TenantOf(town) is { } tenant) return await store.Storage.FindOrCreateDatabase(tenant);
        var known = string.Join("、", towns.Tenants.Prepend(TownDatabases.District));
        throw ApiProblemException.Validation("database", ProblemLanguage.Say(
            $"没有名为 {Shorten(name)} 的账本数据库：应为 {known} 之一（镇以其组织 ID 命名）",
            $"No ledger database is named {Shorten(name)}: it is one of {known.Replace("、", ", ")} (a town by its organisation id)"));
    }

    public async Task<LedgerVerification> VerifyAsync(Guid? streamId, long? digestId, string? database, LedgerTrust trust, CancellationToken ct)
    {
        if (!towns.Several)
        {
            await NamedAsync(database);
            return await VerifyOneAsync(store.Storage.Database, streamId, digestId, trust, named: false, ct);
        }
        if (!string.IsNullOrEmpty(database))
            return await VerifyOneAsync(await NamedAsync(database), streamId, digestId, trust, named: true, ct);
        if (streamId is { } id)
        {
            var home = await DistrictHomes.TenantOfAsync(store, towns, id, ct);
            var origin = home is null ? store.Storage.Database : await store.Storage.FindOrCreateDatabase(home);
            return await VerifyOneAsync(origin, id, digestId, trust, named: true, ct);
        }

        var clock = Stopwatch.StartNew();
        var all = new List<LedgerVerification>();
        // One database after another: a verification reads every event of its database, and in parallel they would
        // compete for the same server's disk and the node's cores.
        foreach (var each in await TownDatabases.AllAsync(store))
            all.Add(await VerifyOneAsync(each, null, TownDatabases.IsDistrict(each) ? digestId : null, trust, named: true, ct));
        var districtResult = all[0];
        return new LedgerVerification(all.All(v => v.Ok), all.Sum(v => v.StreamsChecked), all.Sum(v => v.EventsChecked),
            all.Select(v => v.FirstBreak).FirstOrDefault(b => b is not null), districtResult.Digest, districtResult.Heads,
            clock.ElapsedMilliseconds, null, all);
    }

    private static async Task<LedgerVerification> VerifyOneAsync(IMartenDatabase database, Guid? streamId, long? digestId, LedgerTrust trust,
        bool named, CancellationToken ct)
    {
        var result = await new LedgerVerifier(() => (Npgsql.NpgsqlConnection)database.CreateConnection()).VerifyAsync(streamId, digestId, trust, ct);
        return named ? result with { Database = TownDatabases.NameOf(database) } : result;
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
