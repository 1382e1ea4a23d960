using AnJiaXing.Platform.Tenancy;
using Marten;
using Wolverine.Attributes;
using Wolverine.Runtime;

namespace AnJiaXing.CityPlatform.Dispatches;

/// <summary>
/// The hazard of a dispatch accepted for an enterprise whose town has a database of its own (ADR 0030): waits in the
/// district's inbox, committed with the dispatch, until its handler has handed <see cref="Command"/> to the Hazards module
/// in the town's database, with the town's tenant (<see cref="TownOutbox"/>).
/// </summary>
[MessageIdentity("AnJiaXing.CityPlatform.RaiseHazardInTown")]
public sealed record RaiseHazardInTown(string Tenant, RaiseHazardFromDispatch Command);

public static class RaiseHazardInTownHandler
{
    /// <summary>
    /// A crash between the town's commit and this message's being marked handled runs it again and the town's inbox gets
    /// the command twice: the Hazards handler finds the hazard's stream there the second time and does nothing.
    /// </summary>
    public static Task Handle(RaiseHazardInTown message, IDocumentStore store, IWolverineRuntime runtime, CancellationToken ct) =>
        TownOutbox.PublishAsync(store, runtime, message.Tenant, message.Command, ct);
}
