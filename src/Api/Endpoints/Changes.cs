using Microsoft.AspNetCore.Http.HttpResults;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>Order history and the change feed (issue 27, ADR 0016, docs/changes.md).</summary>
public static class Changes
{
    public static RouteGroupBuilder MapChanges(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", Feed)
            .WithTags("Changes")
            .WithName("ListChanges")
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapGet("/orders/{account}/{id}/history", History)
            .WithTags("Orders")
            .WithName("GetOrderHistory")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Changes of orders' business content in the order they committed, a page at a time.</summary>
    /// <remarks>
    /// Store <c>nextCursor</c> and pass it back as <c>cursor</c>: every later change comes exactly once and in order,
    /// even while several instances write. An empty page still gives a cursor; ask again later to tail the feed, or
    /// at once while <c>hasMore</c> is true. Customer fields are masked unless the key has <c>read:pii</c>; only
    /// accounts the key may read are listed.
    /// </remarks>
    /// <response code="200">A page of changes, oldest first.</response>
    /// <response code="400">A parameter is invalid; <c>errors</c> names it (<c>cursor</c>, <c>limit</c>, <c>account</c>, <c>platform</c>, <c>type</c>).</response>
    /// <response code="410">The cursor is older than the changes kept (<c>Changes:RetentionDays</c>): re-list from /api/v1/orders, then follow the feed from a fresh cursor.</response>
    public static async Task<Results<Ok<ChangePageDto>, ValidationProblem, ProblemHttpResult>> Feed(
        [AsParameters] ChangeFeedParameters parameters, HttpContext http, ChangeReader reader, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var query = new QueryText();
        var filter = parameters.Parse(query) with
        {
            Accounts = await accounts.ResolveAsync(http.User, parameters.Account, query, cancellationToken),
        };
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        var read = await reader.PageAsync(filter, http.User.HasScope(ApiScopes.ReadPii), cancellationToken);
        if (read.CursorExpired)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "Cursor older than the changes kept",
                detail: "Changes after this cursor were deleted by retention (Changes:RetentionDays). Re-list the orders from "
                    + "/api/v1/orders to rebuild your copy, then follow /api/v1/changes again without a cursor.");
        }
        return TypedResults.Ok(read.Page!);
    }

    /// <summary>An order's history: every change of its business content kept, newest first, each with the order as it left it.</summary>
    /// <remarks>Each entry names its source (webhook, incremental, full_sweep, backfill, command, baseline) and the delivery, run or command id.</remarks>
    /// <param name="account">The account (<c>Accounts:n:Name</c>); <c>default</c> in a single-account setup.</param>
    /// <param name="id">The platform's order id (a QTickets number or a Ticketscloud hex id).</param>
    /// <response code="200">The history.</response>
    /// <response code="404">No history of this order in this account, or the account does not exist, or the key may not read it (the three are not told apart).</response>
    public static async Task<Results<Ok<OrderHistoryDto>, ProblemHttpResult>> History(
        string account, string id, HttpContext http, ChangeReader reader, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var notFound = ApiProblems.NotFound("Order history", $"The mirror holds no history of order {id} in account '{account}'.");
        if (await accounts.FindAsync(http.User, account, cancellationToken) is not { } accountId)
        {
            return notFound;
        }
        var history = await reader.HistoryAsync(accountId, id, http.User.HasScope(ApiScopes.ReadPii), cancellationToken);
        return history is null ? notFound : TypedResults.Ok(history);
    }
}
