using System.Linq.Expressions;
using Marten;
using Weasel.Postgresql.Tables;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// Chinese keyword search, written once: a substring match (<c>LIKE '%…%'</c>, which Chinese needs — it has no word
/// boundaries to tokenise on) served by a trigram GIN index over a duplicated, lower-cased search text column
/// (ADR 0015). The platform installs pg_trgm; a module only names the member that holds the search text.
/// </summary>
public static class TrigramSearch
{
    public static MartenRegistry.DocumentMappingExpression<T> TrigramSearchOn<T>(
        this MartenRegistry.DocumentMappingExpression<T> mapping, Expression<Func<T, object?>> searchText) =>
        mapping.Duplicate(searchText, null, null, index =>
        {
            index.Method = IndexMethod.gin;
            index.Mask = "? gin_trgm_ops";
        }, false, false);
}
