using Wolverine.Attributes;

namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// A command to the Hazards module: enter a task dispatched by the city operations platform (一网统管派单) into the hazard
/// ledger with source <see cref="HazardSource.CityOpsDispatch"/>. Published through Wolverine's outbox in the transaction
/// that records the dispatch, or, for a town with a database of its own, in that database with the town's tenant (ADR
/// 0030); <see cref="HazardId"/> is derived from <see cref="DispatchId"/>, so every delivery of this message means the
/// same hazard.
/// </summary>
[MessageIdentity("AnJiaXing.Hazards.RaiseHazardFromDispatch")]
public sealed record RaiseHazardFromDispatch(
    string DispatchId,
    Guid HazardId,
    Guid EnterpriseId,
    HazardLevel Level,
    HazardCategory Category,
    string Description,
    string? Location,
    DateTimeOffset DispatchedAt);
