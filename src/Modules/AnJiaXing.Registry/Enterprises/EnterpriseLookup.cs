using System.Security.Claims;
using JasperFx.Events;
using Marten;

namespace AnJiaXing.Registry.Enterprises;

/// <summary>Loading enterprises with scope applied, for this feature and for features that hang off enterprises (hazards).</summary>
public static class EnterpriseLookup
{
    /// <summary>The enterprise if the caller may see it; otherwise 404, whether or not it exists.</summary>
    public static async Task<Enterprise> LoadVisibleAsync(this IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var enterprise = await session.LoadAsync<Enterprise>(id, ct) ?? throw ApiProblemException.NotFound(Noun.Enterprise, id);
        Access.HideUnless(EnterpriseAccess.Sees(Caller.From(user), enterprise), Noun.Enterprise, id);
        return enterprise;
    }

    /// <summary>The town named by a command; a missing one is a 400 on <c>townId</c>.</summary>
    public static async Task<Organisation> LoadTownAsync(this IQuerySession session, Guid townId, CancellationToken ct)
    {
        var town = await session.LoadAsync<Organisation>(townId, ct);
        if (town is null || town.Kind != OrganisationKind.Town)
            throw ApiProblemException.Validation("townId", ProblemLanguage.Say($"街镇“{townId}”不存在。", $"Town '{townId}' does not exist."));
        return town;
    }

    /// <summary>The friendly answer to a duplicate credit code; the unique index stays the guard against races.</summary>
    public static async Task RequireUnregisteredAsync(this IQuerySession session, string creditCode, Guid? except, CancellationToken ct)
    {
        var code = CreditCode.Normalise(creditCode);
        var existing = await session.Query<Enterprise>().Where(e => e.CreditCode == code).Select(e => e.Id).ToListAsync(ct);
        if (existing.Any(id => id != except))
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"统一社会信用代码 {code} 已登记。", $"The credit code {code} is already registered."),
                new Dictionary<string, object?> { ["creditCode"] = code });
    }
}
