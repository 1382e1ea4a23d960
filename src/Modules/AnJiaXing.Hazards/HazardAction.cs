namespace AnJiaXing.Hazards;

/// <summary>The actions of domain.md's "Who may do what" table.</summary>
public enum HazardAction
{
    Confirm,
    Downgrade,
    Dismiss,
    Escalate,
    Withdraw,
    Assign,
    ExtendDeadline,
    DesignateRechecker,
    SubmitRectification,
    Recheck,
    RequestClosure,
    DecideClosure
}
