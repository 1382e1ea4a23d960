using Wolverine;

namespace AnJiaXing.Inspections;

/// <summary>Asks the Hazards module whether the caller may recheck a hazard now, and turns a "no" into its problem response.</summary>
public static class HazardRechecks
{
    public static async Task<RecheckClearance> RequireClearanceAsync(IMessageBus bus, Guid hazardId, Caller caller, CancellationToken ct)
    {
        var clearance = await bus.InvokeAsync<RecheckClearance>(new CheckRecheck(hazardId, caller), ct);
        return clearance.Status switch
        {
            200 => clearance,
            404 => throw ApiProblemException.NotFound("隐患", "Hazard", hazardId),
            403 => throw ApiProblemException.Forbidden(clearance.Refusal ?? ProblemLanguage.Say("您的角色无权复查该隐患。", "Your role may not recheck this hazard.")),
            _ => throw ApiProblemException.Conflict(clearance.Refusal ?? ProblemLanguage.Say("该隐患当前不能复查。", "The hazard cannot be rechecked now."),
                new Dictionary<string, object?>
                {
                    ["currentStatus"] = clearance.CurrentStatus?.ToString(),
                    ["currentVersion"] = clearance.CurrentVersion
                })
        };
    }
}
