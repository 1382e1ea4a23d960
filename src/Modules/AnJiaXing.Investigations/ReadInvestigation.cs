using System.Security.Cryptography;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Investigations;

public static class ReadInvestigationEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
    };

    /// <summary>The findings, read up to the investigation's cut-off, with each step's standing in the ledger (against the latest signed head).</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/investigations/{id}", OperationId = "GetInvestigation")]
    public static async Task<InvestigationReport> Get(Guid id, IQuerySession session, InvestigationFindings findings, HttpContext http, CancellationToken ct)
    {
        var investigation = await LoadAsync(session, id, ct);
        http.AnswerVersion(investigation.Version);
        return (await findings.GatherAsync(session, investigation, seal: false, ct)).Report;
    }

    /// <summary>
    /// The evidence bundle (zip): every event of the findings and the investigation's own record, canonical as hashed,
    /// with RFC 9162 inclusion proofs against a signed head (sealed now when the latest does not cover them), the
    /// head, the public key, the findings, a signed manifest and a README. Each download is recorded on the investigation.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/investigations/{id}/bundle", OperationId = "GetInvestigationBundle")]
    public static async Task<IResult> Bundle(Guid id, ClaimsPrincipal user, IDocumentSession session, InvestigationFindings findings,
        LedgerSigningKey key, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var investigation = await LoadAsync(session, id, ct);
        var gathered = await findings.GatherAsync(session, investigation, seal: true, ct);
        if (gathered.Evidence.Head is null || gathered.Evidence.Events.Any(e => e.LeafIndex is null))
            throw ApiProblemException.ServiceUnavailable(ProblemLanguage.Say("账本树头尚未覆盖全部事件，请稍后重试。", "The ledger's signed head does not cover every event yet; try again shortly."), TimeSpan.FromSeconds(5));
        var zip = LedgerBundle.Write(gathered.Evidence, key,
            new Dictionary<string, byte[]> { ["investigation.json"] = JsonSerializer.SerializeToUtf8Bytes(gathered.Report, Json) });
        var manifest = LedgerBundle.ManifestSha256(zip);
        session.Events.Append(id, new InvestigationBundleExported(id, gathered.Evidence.Head.Id, gathered.Evidence.Events.Count, manifest, caller.Actor));
        return Results.File(zip, "application/zip", $"investigation-{id}.zip");
    }

    private static async Task<Investigation> LoadAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<Investigation>(id, ct) ?? throw ApiProblemException.NotFound("事故调查", "Investigation", id);
}
