using Marten;

namespace AnJiaXing.Hazards;

/// <summary>The answer to a hazard command: where the hazard stands now.</summary>
public sealed record HazardCommandResult(Guid Id, long Version, HazardStatus Status, HazardLevel Level);

/// <summary>Every hazard command goes the platform's <see cref="CommandPath"/> with the rules of <see cref="HazardAccess"/>.</summary>
public static class HazardCommands
{
    public static async Task<HazardCommandResult> ExecuteAsync(
        Guid id, long? bodyExpectedVersion, HazardAction action, HttpContext http, IDocumentSession session,
        Func<Hazard, Caller, Task<IReadOnlyList<object>>> decide, CancellationToken ct)
    {
        Hazard? hazard = null;
        var outcome = await http.ExecuteAsync(session, id, bodyExpectedVersion, HazardAccess.For(action),
            async (h, caller) => await decide(hazard = h, caller), ct);
        return new HazardCommandResult(id, outcome.Version, HazardLifecycle.StatusAfter(hazard!.Status, outcome.Events),
            HazardLifecycle.LevelAfter(hazard.Level, outcome.Events));
    }

    public static Task<IReadOnlyList<object>> One(object e) => Task.FromResult<IReadOnlyList<object>>([e]);
}
