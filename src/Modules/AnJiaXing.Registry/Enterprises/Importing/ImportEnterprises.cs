using System.Security.Claims;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises.Importing;

public static class ImportEnterprisesEndpoint
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;
    private const int BatchSize = 500;

    /// <summary>
    /// Registers the enterprises of an .xlsx or .csv upload (multipart, one file). Every row is judged on its own:
    /// a bad row is reported and never stops the good ones; a row whose credit code is already registered (before or
    /// earlier in the file) is skipped, so uploading the same file twice creates nothing the second time.
    /// </summary>
    [Authorize(Policy = Policies.ManageEnterprises)]
    [FileUpload("file", ".xlsx, .csv (UTF-8 / GBK / GB18030)")]
    [WolverinePost("/api/enterprises/import", OperationId = "ImportEnterprises")]
    public static async Task<ImportReport> Post(HttpContext http, ClaimsPrincipal user, IDocumentStore store,
        CancellationToken ct)
    {
        var rows = EnterpriseSheet.Read(await ReadUploadAsync(http, ct));
        var caller = Caller.From(user);
        var actor = caller.Actor;

        Dictionary<string, Organisation> towns;
        await using (var query = store.QuerySession())
        {
            towns = (await query.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Town).ToListAsync(ct))
                .ToDictionary(t => t.Name);
        }

        var reader = new ImportRowReader(towns);
        var rejected = new List<RejectedRow>();
        var accepted = new List<(int Row, RegisterEnterprise Command)>();
        foreach (var row in rows)
        {
            var (command, errors) = reader.Read(row);
            if (command is not null)
            {
                if (!EnterpriseAccess.MayManage(caller, command.TownId)) errors.Add($"{EnterpriseSheet.Town}: you may not register enterprises in {row[EnterpriseSheet.Town]}.");
            }
            if (errors.Count > 0) rejected.Add(new RejectedRow(row.Number, errors));
            else accepted.Add((row.Number, command!));
        }

        var seen = new HashSet<string>();
        int created = 0, skipped = 0;
        foreach (var batch in accepted.Chunk(BatchSize))
        {
            var (c, s) = await RegisterBatchAsync(store, batch.Select(b => b.Command).ToList(), towns, seen, actor, ct);
            created += c;
            skipped += s;
        }

        return new ImportReport(created, skipped, rejected);
    }

    /// <summary>One transaction per batch. Should another request register one of its codes meanwhile, the unique index refuses the batch and it is retried with that code skipped.</summary>
    private static async Task<(int Created, int Skipped)> RegisterBatchAsync(IDocumentStore store, List<RegisterEnterprise> batch,
        Dictionary<string, Organisation> towns, HashSet<string> seen, Actor actor, CancellationToken ct)
    {
        var townsById = towns.Values.ToDictionary(t => t.Id);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var codes = batch.Select(b => CreditCode.Normalise(b.CreditCode)).Distinct().ToArray();
            var registered = (await session.Query<Enterprise>().Where(e => e.CreditCode.IsOneOf(codes)).Select(e => e.CreditCode).ToListAsync(ct))
                .ToHashSet();
            var seenNow = new HashSet<string>(seen);
            int created = 0, skipped = 0;
            foreach (var command in batch)
            {
                var code = CreditCode.Normalise(command.CreditCode);
                if (registered.Contains(code) || !seenNow.Add(code)) { skipped++; continue; }
                var e = Enterprise.Register(Guid.CreateVersion7(), command, townsById[command.TownId], actor);
                session.Events.StartStream<Enterprise>(e.EnterpriseId, e);
                created++;
            }

            try
            {
                await session.SaveChangesAsync(ct);
                seen.UnionWith(seenNow);
                return (created, skipped);
            }
            catch (Exception e) when (attempt < 3 && IsUniqueViolation(e))
            {
                // A concurrent registration took one of the codes; the next attempt sees it as registered.
            }
        }
    }

    private static bool IsUniqueViolation(Exception? e)
    {
        for (; e != null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }

    private static async Task<byte[]> ReadUploadAsync(HttpContext http, CancellationToken ct) =>
        (await http.Request.ReadSingleFileAsync(MaxUploadBytes, ".xlsx / .csv", ct)).Content;
}
