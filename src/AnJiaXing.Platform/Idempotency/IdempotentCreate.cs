using System.Security.Cryptography;
using System.Text.Json;
using JasperFx;
using Marten;
using Npgsql;
using Wolverine.Http;

namespace AnJiaXing.Platform.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> for POSTs that create something (<see cref="IdempotentCreateAttribute"/>, applied by
/// <see cref="IdempotencyPolicy"/>): the same key and body returns the first response again (no second resource);
/// the same key with another body is a 422. Keys are scoped to the caller, the endpoint's route template and its
/// route values — not the raw path, so case and a trailing slash do not make a new scope. Concurrent first attempts
/// race on the record's primary key; the losers get the winner's answer (<see cref="SettleConflictAsync"/>).
/// </summary>
public static class IdempotentCreate
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly TimeSpan RaceWait = TimeSpan.FromMilliseconds(100);

    /// <summary>Middleware before the endpoint: the first answer again when this key was used before, else continue.</summary>
    public static async Task<IResult> BeforeAsync<TRequest>(HttpContext http, TRequest request, IDocumentSession session)
    {
        var claim = IdempotencyClaim.For(http, request);
        if (claim is null) return WolverineContinue.Result();
        var earlier = await session.LoadAsync<IdempotencyRecord>(claim.RecordId, http.RequestAborted);
        if (earlier is null) return WolverineContinue.Result();
        claim.Settled = true;
        return claim.Replay(earlier);
    }

    /// <summary>
    /// Postprocessor after the endpoint, ahead of the commit: records a successful answer in the same unit of work as
    /// what the endpoint created (an insert, so a concurrent duplicate cannot commit).
    /// </summary>
    public static void Remember(HttpContext http, IDocumentSession session, object? response, TimeProvider clock)
    {
        if (http.Features.Get<IdempotencyClaim>() is not { Settled: false } claim) return;
        if (Describe(http, response) is not var (status, location, body) || status is < 200 or >= 300) return;

        session.Insert(new IdempotencyRecord
        {
            Id = claim.RecordId,
            RequestHash = claim.RequestHash,
            StatusCode = status,
            Location = location,
            ETag = http.Response.Headers.ETag.Count > 0 ? http.Response.Headers.ETag.ToString() : null,
            ResponseJson = body is null ? "" : JsonSerializer.Serialize(body, body.GetType(), JsonOptionsOf(http)),
            CreatedAt = clock.GetUtcNow()
        });
    }

    /// <summary>
    /// After a request with a key failed on a conflict (a unique key, a stream version, a "already exists" refusal):
    /// when a concurrent first attempt with the same key won, its answer (or a 422 if the bodies differ); when the
    /// conflict was on the key itself but the winner's answer cannot be read yet, a 409 "still in progress". Null when
    /// the failure has nothing to do with the key, so it is answered as usual.
    /// </summary>
    public static async Task<IdempotencyRaceOutcome?> SettleConflictAsync(HttpContext http, Exception conflict, CancellationToken ct)
    {
        if (http.Features.Get<IdempotencyClaim>() is not { Settled: false } claim) return null;
        claim.Settled = true;

        // A clash on the record itself means the winner committed (PostgreSQL holds the loser's insert until then), so
        // its record is normally there at once; a clash elsewhere gets one short second look.
        var onTheKey = IsOnTheRecord(conflict);
        var attempts = onTheKey ? 10 : 2;
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        for (var attempt = 1; ; attempt++)
        {
            await using (var session = store.QuerySession())
            {
                if (await session.LoadAsync<IdempotencyRecord>(claim.RecordId, ct) is { } winner)
                {
                    return claim.Mismatch(winner) is { } mismatch
                        ? new IdempotencyRaceOutcome(null, mismatch)
                        : new IdempotencyRaceOutcome(claim.Replay(winner), null);
                }
            }
            if (attempt >= attempts) break;
            await Task.Delay(RaceWait, ct);
        }

        if (!onTheKey) return null;
        http.Response.Headers.RetryAfter = "1";
        return new IdempotencyRaceOutcome(null, ApiProblemException.Conflict(StillInProgress));
    }

    /// <summary>The answer to a retry that arrives while the first attempt with its key has not committed yet.</summary>
    public static string StillInProgress => ProblemLanguage.Say(
        "同一 Idempotency-Key 的请求正在处理，请稍后重试。", "A request with the same Idempotency-Key is still in progress; retry shortly.");

    private static bool IsOnTheRecord(Exception? e)
    {
        for (; e != null; e = e.InnerException)
        {
            if (e is DocumentAlreadyExistsException { DocType: var type } && type == typeof(IdempotencyRecord)) return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                && (pg.TableName ?? pg.ConstraintName ?? "").Contains("idempotencyrecord", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Status, Location and body of an endpoint's answer: an <see cref="IResult"/> or a plain object (200).</summary>
    private static (int Status, string? Location, object? Body)? Describe(HttpContext http, object? response) => response switch
    {
        null => null,
        IResult result when result is IStatusCodeHttpResult { StatusCode: { } status } =>
            (status, result.GetType().GetProperty("Location")?.GetValue(result) as string, (result as IValueHttpResult)?.Value),
        IResult => null,
        _ => (http.Response.StatusCode, null, response)
    };

    internal static JsonSerializerOptions JsonOptionsOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
            .Value.SerializerOptions;
}

/// <summary>How a lost race on an <c>Idempotency-Key</c> is answered: the winner's response again, or a problem.</summary>
public sealed record IdempotencyRaceOutcome(IResult? Replay, ApiProblemException? Problem);

/// <summary>The key of one request with an <c>Idempotency-Key</c>, kept on the request for the steps after the endpoint.</summary>
internal sealed class IdempotencyClaim(string recordId, string requestHash)
{
    public string RecordId { get; } = recordId;
    public string RequestHash { get; } = requestHash;

    /// <summary>True once answered from a record (a replay or a settled race): nothing more is remembered.</summary>
    public bool Settled { get; set; }

    public static IdempotencyClaim? For<TRequest>(HttpContext http, TRequest request)
    {
        var key = http.Request.Headers[IdempotentCreate.Header].ToString();
        if (string.IsNullOrEmpty(key)) return null;
        if (key.Length > 200 || key.Any(char.IsControl))
            throw ApiProblemException.Validation(IdempotentCreate.Header, ProblemLanguage.Say("Idempotency-Key 至多 200 个可打印字符。", "An Idempotency-Key has at most 200 printable characters."));

        var caller = Caller.From(http.User);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, IdempotentCreate.JsonOptionsOf(http));
        var claim = new IdempotencyClaim($"{caller.UserId:N} {RouteOf(http)} {key}", Convert.ToHexStringLower(SHA256.HashData(body)));
        http.Features.Set(claim);
        return claim;
    }

    /// <summary>"POST /api/enterprises/{id}/accounts id=…": the route template and its values, not the raw path.</summary>
    private static string RouteOf(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern
                      ?? throw new InvalidOperationException("Idempotency-Key handling needs a routed endpoint.");
        var values = pattern.Parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(Normalise(http.Request.RouteValues[p.Name]))}");
        return $"{http.Request.Method.ToUpperInvariant()} {pattern.RawText} {string.Join('&', values)}".TrimEnd();
    }

    private static string Normalise(object? value) => value switch
    {
        null => "",
        Guid g => g.ToString("D"),
        _ when Guid.TryParse(value.ToString(), out var g) => g.ToString("D"),
        _ => value.ToString() ?? ""
    };

    public ApiProblemException? Mismatch(IdempotencyRecord earlier) =>
        earlier.RequestHash == RequestHash
            ? null
            : new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                ProblemLanguage.Say("此 Idempotency-Key 已用于另一个请求体不同的请求。", "This Idempotency-Key was already used with a different request body."));

    public IResult Replay(IdempotencyRecord earlier) =>
        Mismatch(earlier) is { } mismatch ? throw mismatch : new ReplayedResult(earlier);

    private sealed class ReplayedResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = record.StatusCode;
            if (record.Location is not null) http.Response.Headers.Location = record.Location;
            if (record.ETag is not null) http.Response.Headers.ETag = record.ETag;
            http.Response.Headers[IdempotentCreate.ReplayedHeader] = "true";
            if (record.ResponseJson.Length == 0) return;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(record.ResponseJson);
        }
    }
}
