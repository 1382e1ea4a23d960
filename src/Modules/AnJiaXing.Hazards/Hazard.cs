
namespace AnJiaXing.Hazards;

/// <summary>
/// The hazard aggregate: the state its rules decide against (folded live from the stream, never answered over HTTP:
/// reads answer <see cref="HazardView"/>), and the rules themselves — each command either yields the events it causes
/// or is refused. Who may act is decided before, by <see cref="HazardAccess"/> on the command path; these rules decide
/// what the hazard's state allows. An illegal transition is a 409 carrying the current status and version.
/// </summary>
public sealed class Hazard
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public IndustryDomain Domain { get; set; }
    public HazardLevel Level { get; set; }
    public HazardStatus Status { get; set; }
    public Actor ReportedBy { get; set; } = Actor.System;

    /// <summary>Whether anyone but the reporter has acted on the hazard (withdrawal is possible only before).</summary>
    public bool ActedOnByOthers { get; set; }

    public Guid? ResponsibleUserId { get; set; }
    public Guid? RecheckerUserId { get; set; }
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>The overdue escalations (督办) already recorded, per deadline and tier: each is appended once.</summary>
    public HashSet<(DateTimeOffset Deadline, SupervisionTier Tier)> Escalations { get; set; } = [];

    /// <summary>The evidence of the last passed recheck: a closure rests on it.</summary>
    public IReadOnlyList<EvidenceRef> PassedRecheckEvidence { get; set; } = [];

    public static Hazard Create(HazardReported e) => new()
    {
        Id = e.HazardId,
        EnterpriseId = e.EnterpriseId,
        EnterpriseName = e.EnterpriseName,
        TownId = e.TownId,
        Domain = e.Domain,
        Level = e.Level,
        Status = HazardLifecycle.InitialStatus(e.Level),
        ReportedBy = e.By
    };

    /// <summary>Every fact folded once: status and level by the lifecycle's own functions, the rest here.</summary>
    private void Evolve(IHazardEvent e)
    {
        Status = HazardLifecycle.After(Status, e);
        Level = HazardLifecycle.LevelAfter(Level, e);
        Deadline = HazardLifecycle.DeadlineAfter(Deadline, e);
        if (e.By.Id != ReportedBy.Id) ActedOnByOthers = true;
        switch (e)
        {
            case RectificationAssigned a: ResponsibleUserId = a.ResponsibleUserId; break;
            case RecheckerDesignated r: RecheckerUserId = r.RecheckerUserId; break;
            case RecheckPassed p: PassedRecheckEvidence = p.Evidence; break;
            case OverdueEscalated o: Escalations.Add((o.Deadline, o.Tier)); break;
        }
    }

    public void Apply(HazardConfirmed e) => Evolve(e);
    public void Apply(HazardDowngraded e) => Evolve(e);
    public void Apply(HazardEscalated e) => Evolve(e);
    public void Apply(HazardDismissed e) => Evolve(e);
    public void Apply(HazardWithdrawn e) => Evolve(e);
    public void Apply(RectificationAssigned e) => Evolve(e);
    public void Apply(DeadlineExtended e) => Evolve(e);
    public void Apply(RecheckerDesignated e) => Evolve(e);
    public void Apply(RectificationSubmitted e) => Evolve(e);
    public void Apply(RecheckPassed e) => Evolve(e);
    public void Apply(RecheckFailed e) => Evolve(e);
    public void Apply(ClosureRequested e) => Evolve(e);
    public void Apply(ClosureApproved e) => Evolve(e);
    public void Apply(ClosureRejected e) => Evolve(e);
    public void Apply(HazardClosed e) => Evolve(e);
    public void Apply(OverdueEscalated e) => Evolve(e);

    /// <summary>What evidence attached to this hazard records about it, for scope checks on reading the evidence.</summary>
    public EvidenceUse EvidenceUse() => new(Id, EnterpriseId, TownId, Domain);

    /// <summary>The aggregate of a list of events, as the store folds it (for rules tests and tools).</summary>
    public static Hazard Fold(IEnumerable<object> events)
    {
        Hazard? hazard = null;
        foreach (var e in events)
        {
            if (e is HazardReported r) hazard = Create(r);
            else if (e is IHazardEvent h) hazard!.Evolve(h);
            hazard!.Version++;
        }
        return hazard ?? throw new ArgumentException("A hazard starts with HazardReported.", nameof(events));
    }


    public static HazardReported Report(
        Guid id, Organisation enterprise, Organisation town, IndustryDomain? domain, HazardLevel level, HazardCategory category,
        string description, string? location, double? latitude, double? longitude, HazardSource source,
        Guid? inspectionId, string? checklistItemCode, string? legalBasis, IReadOnlyList<EvidenceRef> evidence,
        DateTimeOffset foundAt, Caller caller)
    {
        if (!enterprise.Enabled)
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"企业“{enterprise.Name}”已停用，不能再上报其隐患。", $"'{enterprise.Name}' is disabled; no new hazards can be reported against it."));
        // An enterprise's own risk patrol (风险巡查) of its risk points is a self-inspection too; it keeps its source.
        if (caller.Role == Role.EnterpriseUser && source is not (HazardSource.SelfInspection or HazardSource.RiskPatrol))
            throw ApiProblemException.Validation("source", ProblemLanguage.Say("企业上报自身隐患请使用 source SelfInspection（或 RiskPatrol）。", "An enterprise reports its own hazards with source SelfInspection (or RiskPatrol)."));
        var hazardDomain = domain ?? enterprise.Domains.FirstOrDefault(IndustryDomain.Other);
        if (enterprise.Domains.Count > 0 && !enterprise.Domains.Contains(hazardDomain))
            throw ApiProblemException.Validation("domain", ProblemLanguage.Say($"企业“{enterprise.Name}”不属于 {hazardDomain} 领域。", $"'{enterprise.Name}' is not active in {hazardDomain}."));

        return new HazardReported(id, enterprise.Id, enterprise.Name, town.Id, town.Name, hazardDomain, level, category,
            description.Trim(), location?.Trim(), latitude, longitude, source, inspectionId, checklistItemCode, legalBasis,
            evidence, foundAt, caller.Actor);
    }

    public HazardConfirmed Confirm(string? remarks, Actor by)
    {
        RequireMajorPending("confirmed");
        return new HazardConfirmed(Id, EnterpriseId, remarks, by);
    }

    public HazardDowngraded Downgrade(string reason, Actor by)
    {
        RequireMajorPending("downgraded");
        return new HazardDowngraded(Id, EnterpriseId, reason, by);
    }

    public HazardDismissed Dismiss(string reason, Actor by)
    {
        RequireMajorPending("dismissed");
        return new HazardDismissed(Id, EnterpriseId, reason, by);
    }

    public HazardEscalated Escalate(string reason, Actor by)
    {
        if (Level != HazardLevel.General) throw Conflict(this, ProblemLanguage.Say("只有一般隐患才能升级为重大隐患。", "Only a general hazard can be escalated to major."));
        if (!HazardLifecycle.IsOpen(Status)) throw Conflict(this, ProblemLanguage.Say($"状态为 {Status} 的隐患不能升级。", $"A {Status} hazard cannot be escalated."));
        return new HazardEscalated(Id, EnterpriseId, reason, by);
    }

    public HazardWithdrawn Withdraw(string reason, Actor by)
    {
        if (!HazardLifecycle.IsOpen(Status)) throw Conflict(this, ProblemLanguage.Say($"状态为 {Status} 的隐患不能撤回。", $"A {Status} hazard cannot be withdrawn."));
        if (ActedOnByOthers) throw Conflict(this, ProblemLanguage.Say("他人已处理过该隐患，不能再撤回。", "Others have acted on this hazard; it can no longer be withdrawn."));
        return new HazardWithdrawn(Id, EnterpriseId, reason, by);
    }

    public RectificationAssigned Assign(
        Person responsible, DateTimeOffset deadline, string? measures, decimal? funds, string? contingencyPlan,
        DateTimeOffset now, Actor by)
    {
        var allowed = Level == HazardLevel.Major
            ? Status is HazardStatus.Confirmed or HazardStatus.Rectifying
            : Status is HazardStatus.Reported or HazardStatus.Rectifying;
        if (!allowed)
            throw Conflict(this, Level == HazardLevel.Major && Status == HazardStatus.PendingConfirmation
                ? ProblemLanguage.Say("重大隐患须经部门确认后才能交办整改。", "A major hazard is assigned for rectification only after the department confirms it.")
                : ProblemLanguage.Say($"隐患状态为 {Status} 时不能交办整改。", $"Rectification cannot be assigned while the hazard is {Status}."));

        RequireEnterpriseUser(responsible, "responsibleUserId");
        var errors = new Dictionary<string, string[]>();
        if (deadline <= now) errors["deadline"] = [ProblemLanguage.Say("整改期限须晚于当前时间。", "The deadline must lie in the future.")];
        if (Level == HazardLevel.Major)
        {
            // 五落实: responsibility, measures, funds, time limit and contingency plan must all be in place.
            if (string.IsNullOrWhiteSpace(measures)) errors["measures"] = [ProblemLanguage.Say("重大隐患须填写整改措施（五落实）。", "A major hazard needs its rectification measures (五落实).")];
            if (funds is null) errors["funds"] = [ProblemLanguage.Say("重大隐患须落实整改资金（五落实）。", "A major hazard needs its rectification funds (五落实).")];
            if (string.IsNullOrWhiteSpace(contingencyPlan)) errors["contingencyPlan"] = [ProblemLanguage.Say("重大隐患须制定应急预案（五落实）。", "A major hazard needs a contingency plan (五落实).")];
        }
        if (errors.Count > 0) throw new ValidationProblemException(errors);

        return new RectificationAssigned(Id, EnterpriseId, responsible.Id, responsible.DisplayName, deadline,
            measures, funds, contingencyPlan, by);
    }

    public DeadlineExtended ExtendDeadline(DateTimeOffset newDeadline, string reason, Actor by)
    {
        if (!HazardLifecycle.IsOpen(Status)) throw Conflict(this, ProblemLanguage.Say($"状态为 {Status} 的隐患没有可延期的整改期限。", $"A {Status} hazard has no deadline to extend."));
        if (Deadline is not { } current) throw Conflict(this, ProblemLanguage.Say("该隐患尚无整改期限，请先交办整改。", "The hazard has no rectification deadline yet; assign rectification first."));
        if (newDeadline <= current)
            throw ApiProblemException.Validation("newDeadline", ProblemLanguage.Say($"新的整改期限须晚于当前期限（{current:O}）。", $"The new deadline must be later than the current one ({current:O})."));
        return new DeadlineExtended(Id, EnterpriseId, current, newDeadline, reason, by);
    }

    public RecheckerDesignated DesignateRechecker(Person rechecker, Actor by)
    {
        if (Status is not (HazardStatus.Reported or HazardStatus.PendingConfirmation or HazardStatus.Confirmed
            or HazardStatus.Rectifying or HazardStatus.AwaitingRecheck))
            throw Conflict(this, ProblemLanguage.Say($"隐患状态为 {Status} 时不能指定复查人。", $"A rechecker cannot be designated while the hazard is {Status}."));
        RequireEnterpriseUser(rechecker, "userId");
        return new RecheckerDesignated(Id, EnterpriseId, rechecker.Id, rechecker.DisplayName, by);
    }

    public RectificationSubmitted SubmitRectification(string description, IReadOnlyList<EvidenceRef> evidence, Actor by)
    {
        var onTheSpot = Level == HazardLevel.General && Status == HazardStatus.Reported;
        if (Status != HazardStatus.Rectifying && !onTheSpot)
            throw Conflict(this, ProblemLanguage.Say($"隐患状态为 {Status} 时不能提交整改。", $"Rectification cannot be submitted while the hazard is {Status}."));
        return new RectificationSubmitted(Id, EnterpriseId, description, evidence, onTheSpot, by);
    }

    /// <summary>
    /// A passed recheck of a general hazard by town staff closes it (街镇复核销案); by the enterprise's designated
    /// rechecker it awaits the town's closure decision; a major hazard always awaits the closure request.
    /// </summary>
    public IReadOnlyList<object> Recheck(bool passed, string? remarks, IReadOnlyList<EvidenceRef> evidence, Caller caller)
    {
        if (Status != HazardStatus.AwaitingRecheck)
            throw Conflict(this, ProblemLanguage.Say($"只有待复查的隐患才能复查；该隐患状态为 {Status}。", $"Only a hazard awaiting recheck can be rechecked; this one is {Status}."));
        if (!passed)
        {
            if (string.IsNullOrWhiteSpace(remarks))
                throw ApiProblemException.Validation("remarks", ProblemLanguage.Say("复查不通过须说明理由。", "A failed recheck must give its reasons."));
            return [new RecheckFailed(Id, EnterpriseId, remarks, evidence, caller.Actor)];
        }

        var byTownStaff = caller.Role is Role.TownSupervisor or Role.ThirdPartyInspector;
        var passedEvent = new RecheckPassed(Id, EnterpriseId, remarks, evidence, caller.Actor);
        return Level == HazardLevel.General && byTownStaff
            ? [passedEvent, new HazardClosed(Id, EnterpriseId, "RecheckPassed", evidence, caller.Actor)]
            : [passedEvent];
    }

    /// <summary>
    /// 逾期督办: once the deadline has passed while the hazard still waits for rectification, it is supervised by its town;
    /// a major hazard at once, a general one after <paramref name="departmentDelay"/>, also by the department of its
    /// domain. Each tier once per deadline; a deadline that is no longer the hazard's (extended) or a hazard that left
    /// rectification yields nothing. The time is the caller's clock, never the event's.
    /// </summary>
    public IReadOnlyList<object> EscalateOverdue(DateTimeOffset deadline, DateTimeOffset now, TimeSpan departmentDelay)
    {
        if (Deadline != deadline || !HazardLifecycle.OverdueStatuses.Contains(Status) || now < deadline) return [];
        SupervisionTier[] due = Level == HazardLevel.Major || now >= deadline + departmentDelay
            ? [SupervisionTier.Town, SupervisionTier.Department]
            : [SupervisionTier.Town];
        return [.. due.Where(t => !Escalations.Contains((deadline, t))).Select(t => new OverdueEscalated(Id, EnterpriseId, deadline, t, now, Actor.System))];
    }

    public ClosureRequested RequestClosure(string? remarks, Actor by)
    {
        if (Level != HazardLevel.Major) throw Conflict(this, ProblemLanguage.Say("只有重大隐患才需申请销号；一般隐患由街镇销号。", "Only a major hazard needs a closure request; a general one is closed by the town."));
        if (Status != HazardStatus.Rechecked) throw Conflict(this, ProblemLanguage.Say($"复查通过后才能申请销号；该隐患状态为 {Status}。", $"Closure can be requested only after a passed recheck; the hazard is {Status}."));
        return new ClosureRequested(Id, EnterpriseId, remarks, by);
    }

    public IReadOnlyList<object> DecideClosure(bool approved, string? remarks, Actor by)
    {
        var expected = Level == HazardLevel.Major ? HazardStatus.ClosureRequested : HazardStatus.Rechecked;
        if (Status != expected)
            throw Conflict(this, ProblemLanguage.Say($"{Level} 隐患的销号审批须在状态 {expected} 时进行；当前状态为 {Status}。", $"A closure decision on a {Level} hazard needs status {expected}; it is {Status}."));
        if (!approved)
        {
            if (string.IsNullOrWhiteSpace(remarks))
                throw ApiProblemException.Validation("remarks", ProblemLanguage.Say("驳回销号须说明理由。", "A rejected closure must give its reasons."));
            return [new ClosureRejected(Id, EnterpriseId, remarks, by)];
        }

        return
        [
            new ClosureApproved(Id, EnterpriseId, remarks, by),
            new HazardClosed(Id, EnterpriseId, "ClosureApproved", PassedRecheckEvidence, by)
        ];
    }

    private void RequireMajorPending(string what)
    {
        if (Status != HazardStatus.PendingConfirmation)
            throw Conflict(this, ProblemLanguage.Say($"只有待确认的重大隐患才能执行此操作；该隐患为 {Level}，状态 {Status}。", $"Only a major hazard pending confirmation can be {what}; this one is {Level} and {Status}."));
    }

    private void RequireEnterpriseUser(Person user, string field)
    {
        if (user.Role != Role.EnterpriseUser || user.OrganisationId != EnterpriseId)
            throw ApiProblemException.Validation(field, ProblemLanguage.Say($"{user.DisplayName} 不是企业“{EnterpriseName}”的用户。", $"{user.DisplayName} is not a user of {EnterpriseName}."));
        if (!user.Enabled) throw ApiProblemException.Validation(field, ProblemLanguage.Say($"{user.DisplayName} 的账号已停用。", $"{user.DisplayName}'s account is disabled."));
    }

    public static ApiProblemException Conflict(Hazard h, string detail) =>
        ApiProblemException.Conflict(detail, new Dictionary<string, object?>(State(h)) { ["currentVersion"] = h.Version });

    /// <summary>What a 409 on this hazard reports besides its version. Not "status": that member of a problem is the HTTP status code.</summary>
    public static IReadOnlyDictionary<string, object?> State(Hazard h) => new Dictionary<string, object?>
    {
        ["currentStatus"] = h.Status.ToString(),
        ["currentLevel"] = h.Level.ToString()
    };
}
