namespace AnJiaXing.Hazards.Contracts;

/// <summary>The lifecycle states of domain.md.</summary>
public enum HazardStatus
{
    Reported,
    PendingConfirmation,
    Confirmed,
    Rectifying,
    AwaitingRecheck,
    Rechecked,
    ClosureRequested,
    Closed,
    Dismissed,
    Withdrawn
}
