using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Investigations;

public sealed record OpenInvestigation(Guid? EnterpriseId, Guid? TownId, DateTimeOffset? From, DateTimeOffset? To, string? Subject);

public sealed class OpenInvestigationValidator : AbstractValidator<OpenInvestigation>
{
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(3 * 366);

    public OpenInvestigationValidator()
    {
        RuleFor(x => x).Must(x => x.EnterpriseId is null != (x.TownId is null))
            .OverridePropertyName("enterpriseId").WithMessage(_ => ProblemLanguage.Say("请指定调查对象：企业（enterpriseId）或街镇（townId），二者选一。", "Give the subject of the investigation: an enterprise (enterpriseId) or a town (townId), one of the two."));
        RuleFor(x => x.From).NotNull().WithMessage(_ => ProblemLanguage.Say("请填写调查期间的开始时间。", "Give the start of the investigated period."));
        RuleFor(x => x.To).NotNull().WithMessage(_ => ProblemLanguage.Say("请填写调查期间的结束时间。", "Give the end of the investigated period."));
        RuleFor(x => x.To).Must((x, to) => x.From is null || to is null || to > x.From).WithMessage(_ => ProblemLanguage.Say("调查期间的结束时间必须晚于开始时间。", "The end of the investigated period must be after its start."));
        RuleFor(x => x.To).Must((x, to) => x.From is null || to is null || to - x.From <= LongestPeriod).WithMessage(_ => ProblemLanguage.Say("调查期间最长三年。", "An investigated period is at most three years."));
        RuleFor(x => x.Subject).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写调查事由。", "Give the subject of the investigation.")).MaximumLength(500).WithMessage(_ => ProblemLanguage.Say("调查事由最多 500 字。", "The subject has at most 500 characters."));
    }
}

public static class OpenInvestigationEndpoint
{
    /// <summary>
    /// Opens an investigation of an enterprise or a town over a period. Auditors and district admins only. The request
    /// is itself recorded (an <see cref="InvestigationOpened"/> event: who asked, when, what); the findings are read up to
    /// the ledger's sequence at this moment.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverinePost("/api/investigations", OperationId = "OpenInvestigation")]
    [IdempotentCreate]
    public static async Task<IResult> Post(OpenInvestigation command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        LedgerEvidence ledger, CancellationToken ct)
    {
        var caller = Caller.From(user);
        string scopeName;
        if (command.EnterpriseId is { } enterpriseId)
        {
            var enterprise = await session.LoadAsync<Organisation>(enterpriseId, ct);
            if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("企业不存在。", "The enterprise does not exist."));
            scopeName = enterprise.Name;
        }
        else
        {
            var town = await session.LoadAsync<Organisation>(command.TownId!.Value, ct);
            if (town is not { Kind: OrganisationKind.Town }) throw ApiProblemException.Validation("townId", ProblemLanguage.Say("街镇不存在。", "The town does not exist."));
            scopeName = town.Name;
        }

        var id = Guid.CreateVersion7();
        var cutOff = await ledger.HighestSequenceAsync(ct);
        session.Events.StartStream<Investigation>(id, new InvestigationOpened(id, command.EnterpriseId, command.TownId, scopeName,
            command.From!.Value, command.To!.Value, command.Subject!.Trim(), cutOff, caller.Actor));
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/investigations/{id}", id, 1);
    }
}
