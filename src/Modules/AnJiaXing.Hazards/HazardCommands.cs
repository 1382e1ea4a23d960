using System.Security.Claims;
using Marten;

namespace AnJiaXing.Hazards;

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
        var stream = await session.FetchForCommandAsync<HazardView>(id, ExpectedVersion.From(http, bodyExpectedVersion), "Hazard", ct,
            h => guard.DemandOrHideAsync(user, h, ReadHazardRequirement.Instance, "Hazard", id), Hazard.State);
        var hazard = stream.Aggregate!;
        var current = stream.CurrentVersion!.Value;

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
