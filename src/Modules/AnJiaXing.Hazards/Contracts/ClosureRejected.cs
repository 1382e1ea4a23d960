
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The closure decision rejected closing; rectification resumes.</summary>
public sealed record ClosureRejected(Guid HazardId, Guid EnterpriseId, string Remarks, Actor By) : IHazardEvent;
