
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The enterprise designated one of its own users to recheck the rectification (复查员).</summary>
public sealed record RecheckerDesignated(Guid HazardId, Guid EnterpriseId, Guid RecheckerUserId, string RecheckerName, Actor By) : IHazardEvent;
