using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.RiskPoints.Cards;

public static class GetRiskCardEndpoint
{
    /// <summary>The risk notification card (风险告知卡) as a PDF in the level's colour; who sees the point may print its card.</summary>
    [Authorize]
    [WolverineGet("/api/risk-points/{id}/card", OperationId = "GetRiskCard")]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, IConfiguration configuration,
        TimeProvider clock, CancellationToken ct)
    {
        var point = await RiskPointReads.VisibleAsync(id, Caller.From(user), session, ct);
        if (CjkFont.Install(configuration["AnJiaXing:RiskControl:CardFont"]) is null)
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                ProblemLanguage.Say("服务器未安装中文字体，无法生成风险告知卡（请安装 fonts-wqy-zenhei）。",
                    "The server has no Chinese font, so it cannot render the risk notification card (install fonts-wqy-zenhei)."));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        http.AnswerVersion(point.Version);
        return Results.File(RiskCard.Render(point, today), "application/pdf", $"risk-card-{point.Id}.pdf");
    }
}
