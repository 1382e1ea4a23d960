using System.Security.Claims;
using AnJiaXing.Api.Infrastructure.Http;
using AnJiaXing.Api.Infrastructure.Security;
using Marten;

namespace AnJiaXing.Api.Hazards;

/// <summary>The answer to a hazard command: where the hazard stands now.</summary>
public sealed record HazardCommandResult(Guid Id, long Version, HazardStatus Status, HazardLevel Level);

/// <summary>
/// The one path every hazard command takes: load the stream; outside the caller's scope the hazard does not exist
/// (404); a stale expected version is a 409; the role table may refuse (403); the rules decide (409 on an illegal
/// transition); the events are appended and committed by the transaction middleware, guarded by the store's
/// version check so two concurrent commands cannot both win.
/// </summary>
public static class HazardCommands
{
    public static async Task<HazardCommandResult> ExecuteAsync(
        Guid id, long? bodyExpectedVersion, HazardAction action,
        ClaimsPrincipal user, HttpContext http, IDocumentSession session, ScopeGuard guard,
        Func<HazardView, Caller, Task<IReadOnlyList<object>>> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<HazardView>(id, ct);
        var hazard = stream.Aggregate ?? throw ApiProblemException.NotFound("Hazard", id);
        await guard.DemandOrHideAsync(user, hazard, ReadHazardRequirement.Instance, "Hazard", id);

        var expected = ExpectedVersion.From(http, bodyExpectedVersion);
        var current = stream.CurrentVersion ?? hazard.Version;
        if (expected is { } v && v != current)
            throw Hazard.Conflict(hazard, $"The hazard is at version {current}, not {v}; read it again before retrying.");

        await guard.DemandAsync(user, hazard, new HazardActionRequirement(action),
            $"Your role may not {action} this {hazard.Level} hazard.");

        var events = await decide(hazard, Caller.From(user));
        stream.AppendMany(events);

        var status = events.Aggregate(hazard.Status, HazardLifecycle.After);
        var level = events.Aggregate(hazard.Level, (l, e) => e switch
        {
            HazardEscalated => HazardLevel.Major,
            HazardDowngraded => HazardLevel.General,
            _ => l
        });
        var version = current + events.Count;
        http.Response.Headers.ETag = ExpectedVersion.ETag(version);
        return new HazardCommandResult(id, version, status, level);
    }

    public static Task<IReadOnlyList<object>> One(object e) => Task.FromResult<IReadOnlyList<object>>([e]);
}
