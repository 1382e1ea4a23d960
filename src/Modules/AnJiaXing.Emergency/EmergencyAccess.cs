using System.Linq.Expressions;
using Marten;

namespace AnJiaXing.Emergency;

/// <summary>What every emergency record (register entries, incidents) carries so one scope rule serves all of them.</summary>
public interface IOwnedRecord
{
    Guid? EnterpriseId { get; }
    Guid? TownId { get; }
    List<IndustryDomain> Domains { get; }
}

/// <summary>
/// Who sees and who keeps emergency records, as plain predicates (the platform's access style). An enterprise's record is
/// scoped like anything hanging off the enterprise (<see cref="AccessScope"/>). Public records — a town's or the
/// district's — have no domain: town staff see their own town's and the district's, departments and the district see
/// all of them, enterprise users none but their own. Auditors read everything, change nothing.
/// </summary>
public static class EmergencyAccess
{
    public static bool Sees(Caller caller, IOwnedRecord r) => Sees(caller, r.EnterpriseId, r.TownId, r.Domains);

    public static bool Sees(Caller caller, Guid? enterpriseId, Guid? townId, IReadOnlyList<IndustryDomain> domains)
    {
        var scope = caller.Scope.Constraint;
        if (enterpriseId is { } enterprise) return scope.Covers(enterprise, townId ?? Guid.Empty, domains);
        return scope.Kind switch
        {
            ScopeKind.Everything or ScopeKind.Domains => true,
            ScopeKind.Town => townId is null || townId == scope.Id,
            _ => false
        };
    }

    /// <summary>The same rule as a query filter: the platform's scope filter, plus the public records a role also sees.</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, Caller caller) where T : IOwnedRecord
    {
        var scope = caller.Scope.Constraint;
        var alsoVisible = scope.Kind switch
        {
            ScopeKind.Town => IsNull<T>(nameof(IOwnedRecord.TownId)),
            ScopeKind.Domains => IsNull<T>(nameof(IOwnedRecord.EnterpriseId)),
            _ => null
        };
        return query.InScope(scope, nameof(IOwnedRecord.EnterpriseId), nameof(IOwnedRecord.TownId),
            domains: nameof(IOwnedRecord.Domains), alsoVisible: alsoVisible);
    }

    /// <summary>Who keeps a record: the enterprise its own, town staff their town's (and its enterprises'), departments the
    /// district's, district admins everything.</summary>
    public static bool MayKeep(Caller caller, Guid? enterpriseId, Guid? townId) => caller.Role switch
    {
        Role.DistrictAdmin => true,
        Role.EnterpriseUser => enterpriseId is { } e && e == caller.EnterpriseId,
        Role.TownSupervisor => townId is { } t && t == caller.TownId,
        Role.DepartmentOfficer => enterpriseId is null && townId is null,
        _ => false
    };

    public static bool MayKeep(Caller caller, IOwnedRecord r) => MayKeep(caller, r.EnterpriseId, r.TownId);

    /// <summary>The owner a create names, for a caller who must keep its records (403 otherwise).</summary>
    public static async Task<EmergencyOwner> ResolveOwnerAsync(this IQuerySession session, Caller caller, Guid? enterpriseId, Guid? townId,
        CancellationToken ct)
    {
        var owner = await session.LoadOwnerAsync(caller, enterpriseId, townId, ct);
        if (!MayKeep(caller, owner.EnterpriseId, owner.TownId))
            throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您的角色不能为{owner.EnterpriseName ?? owner.TownName ?? "区级"}登记应急信息。", $"Your role may not register emergency resources for {owner.EnterpriseName ?? owner.TownName ?? "the district"}."));
        return owner;
    }

    /// <summary>The owner a create names: an enterprise (its town follows), a town, or neither (the district). Unknown or
    /// unseen owners are 404.</summary>
    public static async Task<EmergencyOwner> LoadOwnerAsync(this IQuerySession session, Caller caller, Guid? enterpriseId, Guid? townId,
        CancellationToken ct)
    {
        EmergencyOwner owner;
        if (enterpriseId is { } e)
        {
            var enterprise = await session.LoadAsync<Organisation>(e, ct);
            if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, e);
            if (townId is { } t && t != enterprise.TownId)
                throw ApiProblemException.Validation("townId", ProblemLanguage.Say("企业不属于所填街镇。", "The enterprise is not in the given town."));
            var town = await session.LoadAsync<Organisation>(enterprise.TownId ?? Guid.Empty, ct);
            owner = new EmergencyOwner(enterprise.Id, enterprise.Name, town?.Id, town?.Name, [.. enterprise.Domains]);
        }
        else if (townId is { } t)
        {
            var town = await session.LoadAsync<Organisation>(t, ct);
            if (town is not { Kind: OrganisationKind.Town }) throw ApiProblemException.NotFound(Noun.Town, t);
            owner = new EmergencyOwner(null, null, town.Id, town.Name, []);
        }
        else owner = EmergencyOwner.District;

        if (!Sees(caller, owner.EnterpriseId, owner.TownId, owner.Domains))
            throw ApiProblemException.NotFound(owner.EnterpriseId is null ? Noun.Town : Noun.Enterprise, (object?)owner.EnterpriseId ?? owner.TownId!);
        return owner;
    }

    /// <summary>The caller's own organisation as an owner, for imports that name none.</summary>
    public static (Guid? EnterpriseId, Guid? TownId) OwnOrganisation(Caller caller) => caller.Role switch
    {
        Role.EnterpriseUser => (caller.EnterpriseId, null),
        Role.TownSupervisor => (null, caller.TownId),
        _ => (null, null)
    };

    private static Expression<Func<T, bool>> IsNull<T>(string member)
    {
        var x = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, bool>>(Expression.Equal(Expression.Property(x, member), Expression.Constant(null, typeof(Guid?))), x);
    }
}

/// <summary>
/// How an emergency record takes evidence into use (the platform's <see cref="EvidenceAccess.TakeIntoUseAsync"/>): the
/// record's enterprise, town and first domain, empty for a public record, so the platform's scope rule decides who
/// besides the uploader reads it (a town's staff their town's; the district's evidence only district-wide roles).
/// </summary>
public static class EmergencyEvidence
{
    public static EvidenceUse Use(Guid recordId, Guid? enterpriseId, Guid? townId, IReadOnlyList<IndustryDomain> domains) =>
        new(recordId, enterpriseId ?? Guid.Empty, townId ?? Guid.Empty, domains.Count == 0 ? IndustryDomain.Other : domains[0]);
}

/// <summary>One event of an emergency stream as its history shows it.</summary>
public sealed record EmergencyHistoryEntry(long Version, string Type, object Data, DateTimeOffset Timestamp, Actor Actor);

public static class EmergencyHistory
{
    public static async Task<IReadOnlyList<EmergencyHistoryEntry>> ReadAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(id, token: ct))
        .Select(e => new EmergencyHistoryEntry(e.Version, e.EventTypeName, e.Data, e.Timestamp,
            e.Data is IEmergencyEvent emergency ? emergency.By : Actor.System))
        .ToList();
}
