using System.Linq.Expressions;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>The optional filters of a list: one the caller did not give narrows nothing.</summary>
internal static class OptionalFilter
{
    public static IQueryable<T> WhereGiven<T>(this IQueryable<T> query, bool given, Expression<Func<T, bool>> predicate) =>
        given ? query.Where(predicate) : query;
}
