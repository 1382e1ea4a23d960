using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public static class GetHazardEndpoint
{
    /// <summary>
    /// The hazard now (from the inline projection), or as it was at <c>?version=</c> or <c>?asOf=</c> (replaying the
    /// stream: <see cref="StreamReplay"/>, which reads only what the view's fold uses — it reads no event headers).
    /// Outside the caller's scope it does not exist.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/hazards/{id}", OperationId = "GetHazard")]
    public static async Task<HazardView> Get(
        Guid id, long? version, DateTimeOffset? asOf, ClaimsPrincipal user, HttpContext http, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        if (version is not null && asOf is not null)
            throw ApiProblemException.Validation("version", ProblemLanguage.Say("请指定版本或时间点，不能两者都指定。", "Ask for a version or a point in time, not both."));
        if (version is < 1) throw ApiProblemException.Validation("version", ProblemLanguage.Say("版本号从 1 开始。", "Versions start at 1."));

        var current = await session.LoadAsync<HazardView>(id, ct) ?? throw ApiProblemException.NotFound(HazardAccess.Name, id);
        if (!HazardAccess.Sees(Caller.From(user), current)) throw ApiProblemException.NotFound(HazardAccess.Name, id);

        var hazard = current;
        if (version is { } v)
        {
            if (v > current.Version) throw ApiProblemException.NotFound($"隐患第 {v} 版", $"Version {v} of hazard", id);
            hazard = await session.ReplayAsync<HazardView>(id, version: v, ct: ct)
                     ?? throw ApiProblemException.NotFound($"隐患第 {v} 版", $"Version {v} of hazard", id);
        }
        else if (asOf is { } t)
        {
            // Npgsql writes only UTC offsets to timestamptz: "+08:00" from a client would otherwise be a 500.
            hazard = await session.ReplayAsync<HazardView>(id, timestamp: t.ToUniversalTime(), ct: ct)
                     ?? throw ApiProblemException.NotFound($"{t:O} 时的隐患", $"Hazard at {t:O}", id);
        }

        hazard.Overdue = HazardLifecycle.IsOverdue(hazard.Status, hazard.Deadline, asOf ?? clock.GetUtcNow());
        http.AnswerVersion(hazard.Version);
        return hazard;
    }
}
