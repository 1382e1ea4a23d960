using Microsoft.AspNetCore.Authorization;

namespace AnJiaXing.Inspections;

/// <summary>What is inspected: a registered enterprise (id) or an unregistered one in a town, active in some domains.</summary>
public sealed record InspectionTarget(Guid? EnterpriseId, Guid TownId, IReadOnlyList<IndustryDomain> Domains)
{
    public static InspectionTarget Of(InspectionRecord r) => new(r.EnterpriseId, r.TownId, r.Domains);
}

/// <summary>May the caller see the inspection or its target at all? (Outside scope it does not exist: 404.)</summary>
public sealed class ReadInspectionRequirement : IAuthorizationRequirement
{
    public static readonly ReadInspectionRequirement Instance = new();
}

/// <summary>May the caller start an inspection of the target? (403 when not.)</summary>
public sealed class ConductInspectionRequirement : IAuthorizationRequirement
{
    public static readonly ConductInspectionRequirement Instance = new();
}

/// <summary>May the caller record items on, or sign, this inspection? Only its own inspector. (403 when not.)</summary>
public sealed class SignInspectionRequirement : IAuthorizationRequirement
{
    public static readonly SignInspectionRequirement Instance = new();
}

/// <summary>
/// Who may inspect what (ADR 0017). Scope is <see cref="AccessScope.CoversEnterprise"/>: another town's inspector can
/// neither inspect nor read. Auditors read everything and inspect nothing; the record belongs to the inspector who
/// started it, who alone records and signs it.
/// </summary>
public sealed class InspectionAuthorizationHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        var caller = Caller.From(context.User);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var allowed = (requirement, context.Resource) switch
            {
                (ReadInspectionRequirement, InspectionRecord r) => r.InspectorId == caller.UserId || Covers(caller, InspectionTarget.Of(r)),
                (ReadInspectionRequirement, InspectionTarget t) => Covers(caller, t),
                (ConductInspectionRequirement, InspectionTarget t) => Covers(caller, t) && caller.Role != Role.Auditor,
                (SignInspectionRequirement, InspectionRecord r) => r.InspectorId == caller.UserId,
                _ => (bool?)null
            };
            if (allowed == true) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public static bool Covers(Caller caller, InspectionTarget t) =>
        caller.Scope.CoversEnterprise(t.EnterpriseId ?? Guid.Empty, t.TownId, t.Domains);
}
