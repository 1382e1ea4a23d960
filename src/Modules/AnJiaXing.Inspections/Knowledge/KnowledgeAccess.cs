using Microsoft.AspNetCore.Authorization;
using Wolverine.Attributes;

namespace AnJiaXing.Inspections.Knowledge;

/// <summary>The resource of a knowledge-base decision: the industry domain a document belongs to, if any.</summary>
public sealed record KnowledgeTarget(IndustryDomain? Domain);

/// <summary>May the caller publish or revise the knowledge document?</summary>
public sealed class MaintainKnowledgeRequirement : IAuthorizationRequirement
{
    public static readonly MaintainKnowledgeRequirement Instance = new();
}

/// <summary>Everyone reads the knowledge base; district admins maintain all of it, department officers general documents and those of their domains.</summary>
// Its public HandleAsync would otherwise make Wolverine discover it as a message handler.
public sealed class MaintainKnowledgeHandler : AuthorizationHandler<MaintainKnowledgeRequirement, KnowledgeTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MaintainKnowledgeRequirement requirement, KnowledgeTarget target)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        var caller = Caller.From(context.User);
        var allowed = caller.Role switch
        {
            Role.DistrictAdmin => true,
            Role.DepartmentOfficer => target.Domain is not { } d || caller.Domains.Contains(d),
            _ => false
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
