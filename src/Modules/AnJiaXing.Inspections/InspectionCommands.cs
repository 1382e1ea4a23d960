using System.Security.Claims;
using JasperFx.Events;
using Marten;

namespace AnJiaXing.Inspections;

/// <summary>The answer to an inspection command: where the record stands now.</summary>
/// <remarks><see cref="ItemCodes"/>: the codes the command recorded; on submit, the NonCompliant codes that raise hazards.</remarks>
public sealed record InspectionCommandResult(Guid Id, long Version, InspectionStatus Status, int Items, IReadOnlyList<string> ItemCodes);

/// <summary>
/// The path every inspection command takes: outside the caller's scope the inspection does not exist (404); a stale
/// expected version is a 409; only its inspector may change it (403); the rules then decide.
/// </summary>
public static class InspectionCommands
{
    public static async Task<IEventStream<InspectionRecord>> FetchAsync(
        Guid id, long? bodyExpectedVersion, ClaimsPrincipal user, HttpContext http, IDocumentSession session, ScopeGuard guard, CancellationToken ct)
    {
        var stream = await session.FetchForCommandAsync<InspectionRecord>(id, ExpectedVersion.From(http, bodyExpectedVersion), "Inspection", ct,
            r => guard.DemandOrHideAsync(user, r, ReadInspectionRequirement.Instance, "Inspection", id),
            r => new Dictionary<string, object?> { ["currentStatus"] = r.Status.ToString() });
        var record = stream.Aggregate!;
        await guard.DemandAsync(user, record, SignInspectionRequirement.Instance, "Only the inspector who started this inspection may record or sign it.");
        return stream;
    }

    public static long VersionAfter(IEventStream<InspectionRecord> stream, int appended) =>
        (stream.StartingVersion ?? stream.Aggregate!.Version) + appended;
}
