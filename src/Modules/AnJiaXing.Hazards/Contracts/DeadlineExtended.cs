
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The rectification deadline was extended (延期), with the reason.</summary>
public sealed record DeadlineExtended(
    Guid HazardId,
    Guid EnterpriseId,
    DateTimeOffset PreviousDeadline,
    DateTimeOffset NewDeadline,
    string Reason,
    Actor By) : IHazardEvent;
