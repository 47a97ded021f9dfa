using Microsoft.AspNetCore.Http.HttpResults;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>
/// Lookups of things whose ids are unique only within an account (orders, events, ticket barcodes): by id alone
/// over the caller's accounts, or by account and id.
/// </summary>
internal static class AccountScopedLookup
{
    /// <summary>
    /// <c>GET /{id}</c> (<c>Get{thing}</c>: 400 for an unreadable <c>account</c>, 404, 409 when several accounts hold
    /// the id) and <c>GET /{account}/{id}</c> (<c>GetAccount{thing}</c>: 404).
    /// </summary>
    public static RouteGroupBuilder MapLookups(this RouteGroupBuilder group, string thing, Delegate byId, Delegate inAccount)
    {
        group.MapGet("/{id}", byId)
            .WithName($"Get{thing}")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{account}/{id}", inAccount).WithName($"GetAccount{thing}").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The only match among the accounts the caller reads (narrowed by <c>account</c>); 404 for none, 409 for several.</summary>
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ByIdAsync<T>(
        HttpContext http,
        string[]? account,
        ReadableAccounts accounts,
        Func<AccountFilter, Task<IReadOnlyList<T>>> find,
        ProblemHttpResult missing,
        Func<IReadOnlyList<T>, ProblemHttpResult> ambiguous,
        CancellationToken cancellationToken)
    {
        var query = new QueryText();
        var filter = await accounts.ResolveAsync(http.User, account, query, cancellationToken);
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        var found = await find(filter);
        return found.Count switch
        {
            0 => missing,
            1 => TypedResults.Ok(found[0]),
            _ => ambiguous(found),
        };
    }

    /// <summary>The match in the account named by the path; an account that does not exist or is not the caller's is 404 too.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> InAccountAsync<T>(
        HttpContext http,
        string account,
        ReadableAccounts accounts,
        Func<AccountFilter, Task<IReadOnlyList<T>>> find,
        ProblemHttpResult missing,
        CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(http.User, account, cancellationToken) is not { } accountId)
        {
            return missing;
        }
        var found = await find(new AccountFilter([accountId]));
        return found.Count == 0 ? missing : TypedResults.Ok(found[0]);
    }
}
