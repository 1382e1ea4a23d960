using System.Security.Cryptography;
using System.Text.Json;
using Marten;

namespace AnJiaXing.Platform.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> for POSTs that create something: the same key and body returns the first response again
/// (no second resource); the same key with another body is a 422. Keys are scoped to the caller and the route.
/// </summary>
public sealed class IdempotentCreate
{
    public const string Header = "Idempotency-Key";

    private readonly string? _recordId;
    private readonly string _requestHash;

    private IdempotentCreate(string? recordId, string requestHash)
    {
        _recordId = recordId;
        _requestHash = requestHash;
    }

    public static IdempotentCreate For<TRequest>(HttpContext http, Caller caller, TRequest request)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return new IdempotentCreate(null, "");
        if (key.Length > 200 || key.Any(char.IsControl))
            throw ApiProblemException.Validation(Header, "An Idempotency-Key has at most 200 printable characters.");

        var body = JsonSerializer.SerializeToUtf8Bytes(request, http.RequestServices
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        return new IdempotentCreate($"{caller.UserId:N}:{http.Request.Path.Value}:{key}", hash);
    }

    /// <summary>The first response again, when this key was used before with the same body; null when it is new.</summary>
    public async Task<IResult?> ReplayAsync(IQuerySession session, CancellationToken ct)
    {
        if (_recordId is null) return null;
        var earlier = await session.LoadAsync<IdempotencyRecord>(_recordId, ct);
        if (earlier is null) return null;
        if (earlier.RequestHash != _requestHash)
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was already used with a different request body.");
        return new ReplayedResult(earlier);
    }

    /// <summary>Records the response in the current unit of work (insert: a concurrent duplicate cannot commit).</summary>
    public void Remember(IDocumentSession session, int statusCode, string? location, object response, TimeProvider clock)
    {
        if (_recordId is null) return;
        session.Insert(new IdempotencyRecord
        {
            Id = _recordId,
            RequestHash = _requestHash,
            StatusCode = statusCode,
            Location = location,
            ResponseJson = JsonSerializer.Serialize(response, response.GetType(), new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            CreatedAt = clock.GetUtcNow()
        });
    }

    /// <summary>The 201 <c>{ id, version }</c> with its Location, remembered for this key.</summary>
    public IResult Created(IDocumentSession session, string location, Guid id, long version, TimeProvider clock)
    {
        var body = new CreatedResponse(id, version);
        Remember(session, StatusCodes.Status201Created, location, body, clock);
        return Results.Created(location, body);
    }

    private sealed class ReplayedResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = record.StatusCode;
            if (record.Location is not null) http.Response.Headers.Location = record.Location;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(record.ResponseJson);
        }
    }
}
