
namespace AnJiaXing.Hazards;

/// <summary>
/// The hazard's rules: each command either yields the events it causes or is refused. Who may act is decided
/// before (by <see cref="HazardActionHandler"/>); these rules decide what the hazard's state allows. An illegal
/// transition is a 409 carrying the current status and version; nothing is appended.
/// </summary>
public static class Hazard
{
    public static HazardReported Report(
        Guid id, Organisation enterprise, Organisation town, IndustryDomain? domain, HazardLevel level, HazardCategory category,
        string description, string? location, double? latitude, double? longitude, HazardSource source,
        Guid? inspectionId, string? checklistItemCode, string? legalBasis, IReadOnlyList<EvidenceRef> evidence,
        DateTimeOffset foundAt, Caller caller)
    {
        if (!enterprise.Enabled)
            throw ApiProblemException.Conflict($"'{enterprise.Name}' is disabled; no new hazards can be reported against it.");
        // An enterprise's own risk patrol (风险巡查) of its risk points is a self-inspection too; it keeps its source.
        if (caller.Role == Role.EnterpriseUser && source is not (HazardSource.SelfInspection or HazardSource.RiskPatrol))
            throw ApiProblemException.Validation("source", "An enterprise reports its own hazards with source SelfInspection (or RiskPatrol).");
        var hazardDomain = domain ?? enterprise.Domains.FirstOrDefault(IndustryDomain.Other);
        if (enterprise.Domains.Count > 0 && !enterprise.Domains.Contains(hazardDomain))
            throw ApiProblemException.Validation("domain", $"'{enterprise.Name}' is not active in {hazardDomain}.");

        return new HazardReported(id, enterprise.Id, enterprise.Name, town.Id, town.Name, hazardDomain, level, category,
            description.Trim(), location?.Trim(), latitude, longitude, source, inspectionId, checklistItemCode, legalBasis,
            evidence, foundAt, caller.Actor);
    }

    public static HazardConfirmed Confirm(this HazardView h, string? remarks, Actor by)
    {
        RequireMajorPending(h, "confirmed");
        return new HazardConfirmed(h.Id, h.EnterpriseId, remarks, by);
    }

    public static HazardDowngraded Downgrade(this HazardView h, string reason, Actor by)
    {
        RequireMajorPending(h, "downgraded");
        return new HazardDowngraded(h.Id, h.EnterpriseId, reason, by);
    }

    public static HazardDismissed Dismiss(this HazardView h, string reason, Actor by)
    {
        RequireMajorPending(h, "dismissed");
        return new HazardDismissed(h.Id, h.EnterpriseId, reason, by);
    }

    public static HazardEscalated Escalate(this HazardView h, string reason, Actor by)
    {
        if (h.Level != HazardLevel.General) throw Conflict(h, "Only a general hazard can be escalated to major.");
        if (!HazardLifecycle.IsOpen(h.Status)) throw Conflict(h, $"A {h.Status} hazard cannot be escalated.");
        return new HazardEscalated(h.Id, h.EnterpriseId, reason, by);
    }

    public static HazardWithdrawn Withdraw(this HazardView h, string reason, Actor by)
    {
        if (!HazardLifecycle.IsOpen(h.Status)) throw Conflict(h, $"A {h.Status} hazard cannot be withdrawn.");
        if (h.ActedOnByOthers) throw Conflict(h, "Others have acted on this hazard; it can no longer be withdrawn.");
        return new HazardWithdrawn(h.Id, h.EnterpriseId, reason, by);
    }

    public static RectificationAssigned Assign(
        this HazardView h, Person responsible, DateTimeOffset deadline, string? measures, decimal? funds, string? contingencyPlan,
        DateTimeOffset now, Actor by)
    {
        var allowed = h.Level == HazardLevel.Major
            ? h.Status is HazardStatus.Confirmed or HazardStatus.Rectifying
            : h.Status is HazardStatus.Reported or HazardStatus.Rectifying;
        if (!allowed)
            throw Conflict(h, h.Level == HazardLevel.Major && h.Status == HazardStatus.PendingConfirmation
                ? "A major hazard is assigned for rectification only after the department confirms it."
                : $"Rectification cannot be assigned while the hazard is {h.Status}.");

        RequireEnterpriseUser(h, responsible, "responsibleUserId");
        var errors = new Dictionary<string, string[]>();
        if (deadline <= now) errors["deadline"] = ["The deadline must lie in the future."];
        if (h.Level == HazardLevel.Major)
        {
            // 五落实: responsibility, measures, funds, time limit and contingency plan must all be in place.
            if (string.IsNullOrWhiteSpace(measures)) errors["measures"] = ["A major hazard needs its rectification measures (五落实)."];
            if (funds is null) errors["funds"] = ["A major hazard needs its rectification funds (五落实)."];
            if (string.IsNullOrWhiteSpace(contingencyPlan)) errors["contingencyPlan"] = ["A major hazard needs a contingency plan (五落实)."];
        }
        if (errors.Count > 0) throw new ValidationProblemException(errors);

        return new RectificationAssigned(h.Id, h.EnterpriseId, responsible.Id, responsible.DisplayName, deadline,
            measures, funds, contingencyPlan, by);
    }

    public static DeadlineExtended ExtendDeadline(this HazardView h, DateTimeOffset newDeadline, string reason, Actor by)
    {
        if (!HazardLifecycle.IsOpen(h.Status)) throw Conflict(h, $"A {h.Status} hazard has no deadline to extend.");
        if (h.Deadline is not { } current) throw Conflict(h, "The hazard has no rectification deadline yet; assign rectification first.");
        if (newDeadline <= current)
            throw ApiProblemException.Validation("newDeadline", $"The new deadline must be later than the current one ({current:O}).");
        return new DeadlineExtended(h.Id, h.EnterpriseId, current, newDeadline, reason, by);
    }

    public static RecheckerDesignated DesignateRechecker(this HazardView h, Person rechecker, Actor by)
    {
        if (h.Status is not (HazardStatus.Reported or HazardStatus.PendingConfirmation or HazardStatus.Confirmed
            or HazardStatus.Rectifying or HazardStatus.AwaitingRecheck))
            throw Conflict(h, $"A rechecker cannot be designated while the hazard is {h.Status}.");
        RequireEnterpriseUser(h, rechecker, "userId");
        return new RecheckerDesignated(h.Id, h.EnterpriseId, rechecker.Id, rechecker.DisplayName, by);
    }

    public static RectificationSubmitted SubmitRectification(this HazardView h, string description, IReadOnlyList<EvidenceRef> evidence, Actor by)
    {
        var onTheSpot = h.Level == HazardLevel.General && h.Status == HazardStatus.Reported;
        if (h.Status != HazardStatus.Rectifying && !onTheSpot)
            throw Conflict(h, $"Rectification cannot be submitted while the hazard is {h.Status}.");
        return new RectificationSubmitted(h.Id, h.EnterpriseId, description, evidence, onTheSpot, by);
    }

    /// <summary>
    /// A passed recheck of a general hazard by town staff closes it (街镇复核销案); by the enterprise's designated
    /// rechecker it awaits the town's closure decision; a major hazard always awaits the closure request.
    /// </summary>
    public static IReadOnlyList<object> Recheck(this HazardView h, bool passed, string? remarks, IReadOnlyList<EvidenceRef> evidence, Caller caller)
    {
        if (h.Status != HazardStatus.AwaitingRecheck)
            throw Conflict(h, $"Only a hazard awaiting recheck can be rechecked; this one is {h.Status}.");
        if (!passed)
        {
            if (string.IsNullOrWhiteSpace(remarks))
                throw ApiProblemException.Validation("remarks", "A failed recheck must give its reasons.");
            return [new RecheckFailed(h.Id, h.EnterpriseId, remarks, evidence, caller.Actor)];
        }

        var byTownStaff = caller.Role is Role.TownSupervisor or Role.ThirdPartyInspector;
        var passedEvent = new RecheckPassed(h.Id, h.EnterpriseId, remarks, evidence, caller.Actor);
        return h.Level == HazardLevel.General && byTownStaff
            ? [passedEvent, new HazardClosed(h.Id, h.EnterpriseId, "RecheckPassed", evidence, caller.Actor)]
            : [passedEvent];
    }

    public static ClosureRequested RequestClosure(this HazardView h, string? remarks, Actor by)
    {
        if (h.Level != HazardLevel.Major) throw Conflict(h, "Only a major hazard needs a closure request; a general one is closed by the town.");
        if (h.Status != HazardStatus.Rechecked) throw Conflict(h, $"Closure can be requested only after a passed recheck; the hazard is {h.Status}.");
        return new ClosureRequested(h.Id, h.EnterpriseId, remarks, by);
    }

    public static IReadOnlyList<object> DecideClosure(this HazardView h, bool approved, string? remarks, Actor by)
    {
        var expected = h.Level == HazardLevel.Major ? HazardStatus.ClosureRequested : HazardStatus.Rechecked;
        if (h.Status != expected)
            throw Conflict(h, $"A closure decision on a {h.Level} hazard needs status {expected}; it is {h.Status}.");
        if (!approved)
        {
            if (string.IsNullOrWhiteSpace(remarks))
                throw ApiProblemException.Validation("remarks", "A rejected closure must give its reasons.");
            return [new ClosureRejected(h.Id, h.EnterpriseId, remarks, by)];
        }

        var lastRecheck = h.Rechecks.LastOrDefault(r => r.Passed);
        return
        [
            new ClosureApproved(h.Id, h.EnterpriseId, remarks, by),
            new HazardClosed(h.Id, h.EnterpriseId, "ClosureApproved", lastRecheck?.Evidence ?? [], by)
        ];
    }

    private static void RequireMajorPending(HazardView h, string what)
    {
        if (h.Status != HazardStatus.PendingConfirmation)
            throw Conflict(h, $"Only a major hazard pending confirmation can be {what}; this one is {h.Level} and {h.Status}.");
    }

    private static void RequireEnterpriseUser(HazardView h, Person user, string field)
    {
        if (user.Role != Role.EnterpriseUser || user.OrganisationId != h.EnterpriseId)
            throw ApiProblemException.Validation(field, $"{user.DisplayName} is not a user of {h.EnterpriseName}.");
        if (!user.Enabled) throw ApiProblemException.Validation(field, $"{user.DisplayName}'s account is disabled.");
    }

    public static ApiProblemException Conflict(HazardView h, string detail) =>
        ApiProblemException.Conflict(detail, new Dictionary<string, object?>(State(h)) { ["currentVersion"] = h.Version });

    /// <summary>What a 409 on this hazard reports besides its version. Not "status": that member of a problem is the HTTP status code.</summary>
    public static IReadOnlyDictionary<string, object?> State(HazardView h) => new Dictionary<string, object?>
    {
        ["currentStatus"] = h.Status.ToString(),
        ["currentLevel"] = h.Level.ToString()
    };
}
