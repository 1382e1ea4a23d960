using System.Linq.Expressions;

namespace AnJiaXing.Platform.Security;

/// <summary>What part of the district a scope admits, decided once from the role (see <see cref="AccessScope.Constraint"/>).</summary>
public enum ScopeKind
{
    Everything,
    Town,
    Enterprise,
    Domains,
    Nothing
}

/// <summary>
/// The scope rule as data: which enterprises (and what hangs off them) a caller or a statistics request covers. One
/// definition serves both the per-resource check (<see cref="Covers"/>) and the query filter over Marten documents
/// (<see cref="ScopeFilter.InScope{T}"/>), so no module writes its own.
/// </summary>
public sealed record ScopeConstraint(ScopeKind Kind, Guid? Id = null, IReadOnlyList<IndustryDomain>? Domains = null)
{
    public static readonly ScopeConstraint Everything = new(ScopeKind.Everything);
    public static readonly ScopeConstraint Nothing = new(ScopeKind.Nothing);

    public bool Covers(Guid enterpriseId, Guid townId, IEnumerable<IndustryDomain> domains) => Kind switch
    {
        ScopeKind.Everything => true,
        ScopeKind.Town => Id == townId,
        ScopeKind.Enterprise => Id == enterpriseId,
        ScopeKind.Domains => domains.Any(d => Domains!.Contains(d)),
        _ => false
    };
}

public static class ScopeFilter
{
    /// <summary>
    /// <paramref name="query"/> narrowed to what <paramref name="scope"/> covers. The document names its scope keys:
    /// the enterprise and town members, and its industry domain — one (<paramref name="domain"/>) or several
    /// (<paramref name="domains"/>, a list tested with OR'ed containment, which a jsonb GIN index serves).
    /// <paramref name="alsoVisible"/> admits more (an inspector sees the inspections they made anywhere).
    /// </summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, ScopeConstraint scope, string enterprise, string town,
        string? domain = null, string? domains = null, Expression<Func<T, bool>>? alsoVisible = null)
    {
        if (scope.Kind == ScopeKind.Everything) return query;
        var x = alsoVisible?.Parameters[0] ?? Expression.Parameter(typeof(T), "x");
        Expression body = scope.Kind switch
        {
            ScopeKind.Town => EqualTo(Expression.Property(x, town), scope.Id!.Value),
            ScopeKind.Enterprise => EqualTo(Expression.Property(x, enterprise), scope.Id!.Value),
            ScopeKind.Domains when scope.Domains is { Count: > 0 } list => list
                .Select(d => domain is not null
                    ? Expression.Equal(Expression.Property(x, domain), Expression.Constant(d))
                    : (Expression)Expression.Call(Expression.Property(x, domains!),
                        typeof(List<IndustryDomain>).GetMethod(nameof(List<IndustryDomain>.Contains))!, Expression.Constant(d)))
                .Aggregate(Expression.OrElse),
            _ => Expression.Constant(false)
        };
        if (alsoVisible is not null) body = Expression.OrElse(body, alsoVisible.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, x));
    }

    private static BinaryExpression EqualTo(MemberExpression member, Guid value) =>
        Expression.Equal(member, Expression.Constant(member.Type == typeof(Guid?) ? (Guid?)value : value, member.Type));
}
