using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

/// <summary>One event of a hazard's stream as auditors see it.</summary>
public sealed record HistoryEntry(
    long Sequence,
    long Version,
    string Type,
    object Data,
    DateTimeOffset Timestamp,
    Actor Actor,
    long? DecidedAgainstVersion,
    string? CorrelationId,
    string? UserAgent,
    string? ClientIp,
    string? Hash,
    string? PreviousHash,
    object? Signature);

public static class GetHazardHistoryEndpoint
{
    /// <summary>Every event of the hazard's stream, in order, with its actor and metadata.</summary>
    [Authorize]
    [WolverineGet("/api/hazards/{id}/history", OperationId = "GetHazardHistory")]
    public static async Task<IReadOnlyList<HistoryEntry>> Get(Guid id, ClaimsPrincipal user, IQuerySession session,
        AuditTrail ledger, CancellationToken ct)
    {
        var current = await session.LoadAsync<HazardView>(id, ct) ?? throw ApiProblemException.NotFound(HazardAccess.Name, id);
        if (!HazardAccess.Sees(Caller.From(user), current)) throw ApiProblemException.NotFound(HazardAccess.Name, id);

        var events = await session.Events.FetchStreamAsync(id, token: ct);
        var hashes = await ledger.HashesAsync(id, ct);
        return events.Select(e => new HistoryEntry(
                e.Sequence, e.Version, e.EventTypeName, e.Data, e.Timestamp,
                e.Data is IHazardEvent h ? h.By : Actor.System,
                long.TryParse(e.GetHeader(EventMetadataListener.DecidedAgainstVersionHeader)?.ToString(), out var decided) ? decided : null,
                e.CorrelationId,
                e.GetHeader(EventMetadataListener.UserAgentHeader)?.ToString(),
                e.GetHeader(EventMetadataListener.ClientIpHeader)?.ToString(),
                hashes.TryGetValue(e.Version, out var h1) ? h1.Hash : null,
                hashes.TryGetValue(e.Version, out var h2) ? h2.PreviousHash : null,
                e.GetHeader(PersonalSignature.Header)))
            .ToList();
    }
}
