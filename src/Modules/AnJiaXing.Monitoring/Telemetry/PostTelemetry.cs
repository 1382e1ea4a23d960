using System.Text.Json;
using Marten;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Telemetry;

/// <summary>One reading as a device sends it.</summary>
public sealed record TelemetryReading(string? Point, double? Value, DateTimeOffset? At);

/// <summary>What a batch may hold.</summary>
public static class TelemetryRules
{
    public const int MaxBatch = 10_000;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>The batch's rows, or the errors (field → messages) that refuse it whole.</summary>
    public static (List<Reading> Rows, Dictionary<string, string[]> Errors) Check(TelemetryReading?[] batch, DeviceView device, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = new List<Reading>(batch.Length);
        if (batch.Length == 0) errors["body"] = [ProblemLanguage.Say("读数批次不能为空", "The batch of readings is empty")];
        if (batch.Length > MaxBatch) errors["body"] = [ProblemLanguage.Say($"一批最多 {MaxBatch} 条读数", $"A batch holds at most {MaxBatch} readings")];
        if (errors.Count > 0) return (rows, errors);

        var bound = device.MonitoringPointCodes.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, DateTimeOffset)>();
        for (var i = 0; i < batch.Length; i++)
        {
            var r = batch[i];
            var item = new List<(string Field, string Message)>();
            if (r is null) item.Add(("", ProblemLanguage.Say("读数不能为 null", "A reading cannot be null")));
            else
            {
                if (string.IsNullOrEmpty(r.Point)) item.Add(("point", ProblemLanguage.Say("请填写监测点编码", "Enter the monitoring point's code")));
                else if (!bound.Contains(r.Point)) item.Add(("point", ProblemLanguage.Say($"该设备未绑定监测点 {Shorten(r.Point)}", $"The device is not bound to the monitoring point {Shorten(r.Point)}")));
                if (r.Value is not { } v) item.Add(("value", ProblemLanguage.Say("请填写读数", "Enter the reading's value")));
                else if (!double.IsFinite(v)) item.Add(("value", ProblemLanguage.Say("读数必须是有限数值", "A reading must be a finite number")));
                if (r.At is not { } at) item.Add(("at", ProblemLanguage.Say("请填写读数时间（ISO-8601，带时区）", "Enter the reading's time (ISO 8601 with an offset)")));
                else if (at < now - MaxAge) item.Add(("at", ProblemLanguage.Say("读数时间早于 30 天前", "The reading is more than 30 days old")));
                else if (at > now + MaxAhead) item.Add(("at", ProblemLanguage.Say("读数时间不能晚于当前时间", "The reading's time cannot be in the future")));
                if (item.Count == 0 && !seen.Add((r.Point!, r.At!.Value.ToUniversalTime())))
                    item.Add(("at", ProblemLanguage.Say("同一监测点同一时间的读数重复", "Two readings of the same point at the same time")));
            }
            foreach (var group in item.GroupBy(x => x.Field))
                errors[group.Key.Length == 0 ? $"[{i}]" : $"[{i}].{group.Key}"] = group.Select(m => m.Message).ToArray();
            if (item.Count == 0) rows.Add(new Reading(r!.Point!, r.At!.Value.ToUniversalTime(), r.Value!.Value, device.Id));
            if (errors.Count >= 50) break;
        }
        return (rows, errors);
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}

public static class PostTelemetryEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 8, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    /// <summary>
    /// A sensor's batch <c>[{ point, value, at }]</c>, authenticated by its <c>X-Device-Key</c> (not a user token): a
    /// missing, unknown or revoked key is 401; a malformed batch 400 (refused whole); else 202. Nothing is stored on a
    /// refusal. The body is read here, after the key, so an unauthenticated caller learns nothing about validation.
    /// </summary>
    [WolverinePost("/api/telemetry", OperationId = "PostTelemetry")]
    public static async Task<IResult> Post(HttpContext http, IDocumentStore store, TownDatabases towns, TelemetryIngest ingest, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var device = await AuthenticateAsync(http, store, towns, ct);

        if (http.Request.ContentType is { Length: > 0 } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemLanguage.Say("读数批次应为 application/json", "A batch of readings must be application/json"));
        TelemetryReading?[]? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync<TelemetryReading?[]>(http.Request.Body, Json, ct);
        }
        catch (JsonException)
        {
            throw ApiProblemException.Validation("body", ProblemLanguage.Say("请求体应为读数数组 [{ point, value, at }]，且为有效 JSON", "The body must be an array of readings [{ point, value, at }] in valid JSON"));
        }
        if (batch is null) throw ApiProblemException.Validation("body", ProblemLanguage.Say("请求体应为读数数组 [{ point, value, at }]", "The body must be an array of readings [{ point, value, at }]"));

        var (rows, errors) = TelemetryRules.Check(batch, device, clock.GetUtcNow());
        if (errors.Count > 0) throw new ValidationProblemException(errors);

        var accepted = await ingest.IngestAsync(device, rows, ct);
        return Results.Accepted(value: accepted);
    }

    /// <summary>
    /// The device of a valid key. Its credential is kept only where the device was registered: with towns in databases
    /// of their own (ADR 0030), the district's copy of the device's stream names that town (<see cref="StreamHome"/>),
    /// so a key is checked with one read in the district and two in the town — never by asking every town.
    /// </summary>
    private static async Task<DeviceView> AuthenticateAsync(HttpContext http, IDocumentStore store, TownDatabases towns, CancellationToken ct)
    {
        var refused = ApiProblemException.Unauthorized(ProblemLanguage.Say("设备密钥无效或已吊销。", "The device key is not valid or was revoked."));
        if (DeviceKeys.Parse(http.Request.Headers[DeviceKeys.Header].ToString()) is not var (id, secret)) throw refused;
        var tenant = await DistrictHomes.TenantOfAsync(store, towns, id, ct);
        await using var session = tenant is null ? store.QuerySession() : store.QuerySession(tenant);
        var credential = await session.LoadAsync<DeviceCredential>(id, ct);
        // Compare even when the device is unknown, so both refusals take the same time.
        var matches = DeviceKeys.Matches(secret, credential?.KeyHash ?? UnknownHash);
        if (credential is null || credential.Revoked || !matches) throw refused;
        var device = await session.LoadAsync<DeviceView>(id, ct);
        if (device is null || device.KeyRevoked || device.Kind != DeviceKind.Sensor) throw refused;
        return device;
    }

    private static readonly string UnknownHash = new('0', 64);
}
