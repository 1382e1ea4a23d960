using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Hazards;

/// <summary>The closure decision rejected closing; rectification resumes.</summary>
public sealed record ClosureRejected(Guid HazardId, Guid EnterpriseId, string Remarks, Actor By) : IHazardEvent;
