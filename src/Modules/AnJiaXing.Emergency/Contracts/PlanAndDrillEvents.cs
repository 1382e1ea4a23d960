namespace AnJiaXing.Emergency.Contracts;

/// <summary>Kinds of emergency plan (预案类型).</summary>
public enum EmergencyPlanKind
{
    Comprehensive,   // 综合应急预案
    Special,         // 专项应急预案
    OnSite           // 现场处置方案
}

/// <summary>Filing (备案) of a plan with the authority.</summary>
public enum PlanFilingStatus
{
    NotFiled,   // 未备案
    Submitted,  // 已报备
    Filed       // 已备案
}

/// <summary>One version of a plan: its label, the document (stored evidence), when it takes effect and when it is due for review.</summary>
public sealed record EmergencyPlanVersion(string Label, EvidenceRef? Document, DateOnly EffectiveOn, DateOnly ReviewDue, string? Changes);

/// <summary>An emergency plan (应急预案) was adopted with its first version.</summary>
public sealed record EmergencyPlanAdopted(
    Guid PlanId,
    EmergencyOwner Owner,
    string Title,
    EmergencyPlanKind Kind,
    string Scope,
    EmergencyPlanVersion Version,
    Actor By) : IEmergencyEvent;

/// <summary>A new version of a plan was issued; the earlier versions stay in the stream and the read model.</summary>
public sealed record EmergencyPlanRevised(Guid PlanId, EmergencyPlanVersion Version, Actor By) : IEmergencyEvent;

/// <summary>A plan's filing status changed (备案).</summary>
public sealed record EmergencyPlanFilingRecorded(Guid PlanId, PlanFilingStatus Status, string? FilingNumber, Actor By) : IEmergencyEvent;

/// <summary>A drill was planned (演练计划): when, the scenario, the plan it exercises, who takes part.</summary>
public sealed record DrillPlanned(
    Guid DrillId,
    EmergencyOwner Owner,
    string Title,
    DateOnly PlannedOn,
    string Scenario,
    Guid? EmergencyPlanId,
    IReadOnlyList<string> Participants,
    Actor By) : IEmergencyEvent;

/// <summary>A planned drill was held and recorded (演练记录): what happened, the evaluation, the improvements it calls for.</summary>
public sealed record DrillRecorded(
    Guid DrillId,
    DateOnly HeldOn,
    string Summary,
    string Evaluation,
    IReadOnlyList<string> Improvements,
    int ParticipantCount,
    IReadOnlyList<EvidenceRef> Evidence,
    Actor By) : IEmergencyEvent;
