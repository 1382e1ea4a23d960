using System.Security.Cryptography;
using System.Text.Json;
using AnJiaXing.Platform.Tenancy;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.CityPlatform.Dispatches;

/// <summary>The body of a dispatch (派单) as the city sends it; see docs/integration/city-feed.md and dispatch.v1.json.</summary>
public sealed record DispatchBody(
    string? DispatchId, Guid? EnterpriseId, string? CreditCode, string? Address, Guid? TownId, string? Description,
    HazardLevel? Level, HazardCategory? Category, string? Location, DateTimeOffset? Deadline, DateTimeOffset? DispatchedAt);

public static class ReceiveDispatchEndpoint
{
    public const int MaxBody = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 8,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) }
    };

    /// <summary>
    /// <c>POST /api/integration/city/dispatches</c>, authenticated by <c>X-Signature</c> over the raw body (no user token):
    /// a missing or bad signature is 401 and recorded; a malformed body 400; a dispatch id seen before answers its first
    /// answer; else the enterprise is found by id, credit code or address and the hazard is raised through the Hazards
    /// module's durable queue (its id derived from the dispatch id), or, when none matches, a triage item is recorded. 202.
    /// </summary>
    [WolverinePost("/api/integration/city/dispatches", OperationId = "ReceiveCityDispatch")]
    public static async Task<IResult> Post(HttpContext http, IDocumentSession session, IDocumentStore store, IMessageBus bus,
        TownDatabases towns, IOptions<CityOptions> options, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var body = await ReadAsync(http, ct);
        var secret = options.Value.Secret;
        var presented = http.Request.Headers[Signature.Header].ToString();
        if (string.IsNullOrEmpty(secret) || !Signature.Matches(presented, body, secret))
        {
            await using var refusal = store.LightweightSession();
            refusal.Store(new CityDispatchRejection
            {
                Id = Guid.CreateVersion7(), ReceivedAt = clock.GetUtcNow(), BodyLength = body.Length,
                Reason = string.IsNullOrEmpty(secret) ? "no secret configured" : string.IsNullOrEmpty(presented) ? "missing signature" : "bad signature",
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(), BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body))
            });
            await refusal.SaveChangesAsync(ct);
            throw ApiProblemException.Unauthorized(ProblemLanguage.Say("签名无效。", "The signature is not valid."));
        }

        var dispatch = Parse(body);
        // Concurrent first deliveries of one dispatch id (the city retrying a slow answer) queue here: the first records
        // the dispatch and commits before the lock is released, the others then find it and answer what it answered.
        await using var serial = await AdvisoryLock.AcquireAsync(store, LockClass, dispatch.DispatchId!, ct);
        var seen = await session.LoadAsync<CityDispatch>(dispatch.DispatchId!, ct);
        if (seen is not null) return Results.Accepted(value: seen.Answer);

        var now = clock.GetUtcNow();
        var enterprise = await FindEnterpriseAsync(dispatch, session, ct);
        var record = new CityDispatch
        {
            Id = dispatch.DispatchId!, ReceivedAt = now, CreditCode = dispatch.CreditCode, Address = dispatch.Address,
            Description = dispatch.Description!.Trim(), Deadline = dispatch.Deadline, BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            Level = dispatch.Level, Category = dispatch.Category, Location = dispatch.Location?.Trim(), DispatchedAt = dispatch.DispatchedAt
        };
        if (enterprise is { Enabled: true })
        {
            record.EnterpriseId = enterprise.Id;
            record.TownId = enterprise.TownId;
            await AcceptAsync(record, enterprise, bus, towns, now);
        }
        else
        {
            record.Status = CityDispatchStatus.Triage;
            record.Triaged = true;
            record.EnterpriseId = enterprise?.Id;
            record.TownId = enterprise?.TownId ?? await TownAsync(dispatch.TownId, session, ct);
        }
        session.Insert(record);
        // Committed (with the outgoing hazard command) while the lock is held, so a racing delivery sees it.
        await session.SaveChangesAsync(ct);
        return Results.Accepted(value: record.Answer);
    }

    /// <summary>The advisory-lock class of dispatch ids (issue 19).</summary>
    public const int LockClass = 190001;

    /// <summary>
    /// Accepts a dispatch for an enterprise: the hazard is raised through the Hazards module's durable queue, in the
    /// caller's transaction. A hazard is the enterprise's town's (ADR 0030): for a town with a database of its own the
    /// command goes there with the town's tenant, by way of <see cref="RaiseHazardInTown"/> in this (district) transaction.
    /// </summary>
    internal static async Task AcceptAsync(CityDispatch record, Organisation enterprise, IMessageBus bus, TownDatabases towns, DateTimeOffset now)
    {
        record.Status = CityDispatchStatus.Accepted;
        record.EnterpriseId = enterprise.Id;
        record.HazardId = HazardIdOf(record.Id);
        var command = new RaiseHazardFromDispatch(record.Id, record.HazardId.Value, enterprise.Id, record.Level ?? HazardLevel.General,
            record.Category ?? HazardCategory.Other, Describe(record.Id, record.Description), record.Location, record.DispatchedAt ?? now);
        if (towns.TenantOf(enterprise.TownId) is { } tenant) await bus.PublishAsync(new RaiseHazardInTown(tenant, command));
        else await bus.PublishAsync(command);
    }

    /// <summary>The hazard a dispatch raises, the same on every delivery.</summary>
    public static Guid HazardIdOf(string dispatchId) => StableId.For($"city-dispatch/{dispatchId}");

    private static string Describe(string dispatchId, string description)
    {
        var text = $"一网统管派单 {dispatchId}：{description}";
        return text.Length > 2000 ? text[..2000] : text;
    }

    private static async Task<byte[]> ReadAsync(HttpContext http, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBody)
                throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Payload too large", ProblemLanguage.Say($"派单请求体不能超过 {MaxBody / 1024} KB。", $"A dispatch body may not exceed {MaxBody / 1024} KB."));
        }
        return buffer.ToArray();
    }

    private static DispatchBody Parse(byte[] body)
    {
        DispatchBody? d;
        try { d = JsonSerializer.Deserialize<DispatchBody>(body, Json); }
        catch (JsonException) { throw ApiProblemException.Validation("body", ProblemLanguage.Say("请求体应为有效的 JSON 派单对象。", "The body must be a dispatch object in valid JSON.")); }
        if (d is null) throw ApiProblemException.Validation("body", ProblemLanguage.Say("请求体应为派单对象。", "The body must be a dispatch object."));
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(d.DispatchId) || d.DispatchId.Length > 100 || d.DispatchId.Any(char.IsControl))
            errors["dispatchId"] = [ProblemLanguage.Say("请填写派单编号（不超过 100 个字符）。", "Enter the dispatch number (at most 100 characters).")];
        if (string.IsNullOrWhiteSpace(d.Description) || d.Description.Length > 1900 || d.Description.Contains('\0'))
            errors["description"] = [ProblemLanguage.Say("请填写派单内容（不超过 1900 个字符）。", "Enter the dispatch's text (at most 1,900 characters).")];
        if (d.EnterpriseId is null && string.IsNullOrWhiteSpace(d.CreditCode) && string.IsNullOrWhiteSpace(d.Address))
            errors["enterpriseId"] = [ProblemLanguage.Say("请提供企业编号、统一社会信用代码或地址之一。", "Give the enterprise id, its unified social credit code or an address.")];
        if (d.EnterpriseId == Guid.Empty) errors["enterpriseId"] = [ProblemLanguage.Say("企业编号无效。", "The enterprise id is not valid.")];
        if (d.CreditCode is { Length: > 18 }) errors["creditCode"] = [ProblemLanguage.Say("统一社会信用代码应为 18 位。", "A unified social credit code has 18 characters.")];
        if (d.Address is { Length: > 200 }) errors["address"] = [ProblemLanguage.Say("地址不超过 200 个字符。", "The address has at most 200 characters.")];
        if (d.Location is { Length: > 200 }) errors["location"] = [ProblemLanguage.Say("位置不超过 200 个字符。", "The location has at most 200 characters.")];
        if (d.Level is { } l && !Enum.IsDefined(l)) errors["level"] = [ProblemLanguage.Say("隐患等级无效。", "The hazard level is not valid.")];
        if (d.Category is { } c && !Enum.IsDefined(c)) errors["category"] = [ProblemLanguage.Say("隐患类别无效。", "The hazard category is not valid.")];
        if (d.Deadline is { Year: < 1900 or > 2200 }) errors["deadline"] = [ProblemLanguage.Say("期限无效。", "The deadline is not valid.")];
        if (d.DispatchedAt is { Year: < 1900 or > 2200 }) errors["dispatchedAt"] = [ProblemLanguage.Say("派单时间无效。", "The dispatch time is not valid.")];
        if (errors.Count > 0) throw new ValidationProblemException(errors);
        return d;
    }

    private static async Task<Organisation?> FindEnterpriseAsync(DispatchBody d, IQuerySession session, CancellationToken ct)
    {
        if (d.EnterpriseId is { } id && await session.LoadAsync<Organisation>(id, ct) is { Kind: OrganisationKind.Enterprise } byId) return byId;
        Guid? fileId = null;
        if (!string.IsNullOrWhiteSpace(d.CreditCode))
        {
            var code = d.CreditCode.Trim().ToUpperInvariant();
            fileId = (await session.Query<EnterpriseFile>().Where(f => f.Basic.CreditCode == code).FirstOrDefaultAsync(ct))?.Id;
        }
        if (fileId is null && !string.IsNullOrWhiteSpace(d.Address))
        {
            var address = d.Address.Trim();
            var matches = await session.Query<EnterpriseFile>().Where(f => f.Basic.Address == address).Take(2).ToListAsync(ct);
            if (matches.Count == 1) fileId = matches[0].Id; // an address two enterprises share is for the town to triage
        }
        return fileId is { } f ? await session.LoadAsync<Organisation>(f, ct) : null;
    }

    private static async Task<Guid?> TownAsync(Guid? townId, IQuerySession session, CancellationToken ct) =>
        townId is { } t && await session.LoadAsync<Organisation>(t, ct) is { Kind: OrganisationKind.Town } town ? town.Id : null;
}
