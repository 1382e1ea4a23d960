using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.RiskPoints;

public sealed record ReassessRiskPoint(RiskAssessment Assessment, string? Reason, long? ExpectedVersion = null);

public sealed class ReassessRiskPointValidator : AbstractValidator<ReassessRiskPoint>
{
    public ReassessRiskPointValidator()
    {
        RuleFor(x => x.Assessment).NotNull().WithMessage(_ => ProblemLanguage.Say("请提供风险评估（LEC 或 LS）。", "Give the risk assessment (LEC or LS).")).SetValidator(new RiskAssessmentValidator());
        RuleFor(x => x.Reason).MaximumLength(1000);
    }
}

/// <summary>What a risk point command answers: where it stands now.</summary>
public sealed record RiskPointVersion(Guid Id, long Version, RiskLevel Level, double Score);

public static class ReassessRiskPointEndpoint
{
    /// <summary>Re-assess (重新评估): the new level replaces the current one; the earlier ones stay in the history.</summary>
    [Authorize]
    [WolverinePost("/api/risk-points/{id}/assessments", OperationId = "ReassessRiskPoint")]
    public static async Task<RiskPointVersion> Post(Guid id, ReassessRiskPoint command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        RiskPointReassessed? reassessed = null;
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, RiskPointAccess.Assess,
            (point, caller) => CommandPath.One(reassessed = point.Reassess(command.Assessment, command.Reason, caller.Actor)), ct);
        return new RiskPointVersion(id, outcome.Version, reassessed!.Level, reassessed.Score);
    }
}
