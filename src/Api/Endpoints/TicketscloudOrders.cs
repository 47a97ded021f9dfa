using Microsoft.AspNetCore.Http.HttpResults;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Accounts;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>
/// Ticketscloud orders under their own resource, as before the one read model: kept for one release as a
/// deprecated alias of <c>GET /api/v1/orders?platform=ticketscloud</c> and <c>GET /api/v1/orders/{account}/{id}</c>,
/// which serve the same orders in the shape shared with QTickets (issue 26).
/// </summary>
public static class TicketscloudOrders
{
    public static RouteGroupBuilder MapTicketscloudOrders(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/ticketscloud/orders").WithTags("Ticketscloud")
            .WithMetadata(new ObsoleteAttribute("Use GET /api/v1/orders?platform=ticketscloud and GET /api/v1/orders/{account}/{id}."));
        orders.MapGet("/", List).WithName("ListTicketscloudOrders").ProducesProblem(StatusCodes.Status403Forbidden);
        orders.MapGet("/{id}", Get).WithName("GetTicketscloudOrder").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Deprecated: lists Ticketscloud orders in their own shape; use <c>GET /api/v1/orders?platform=ticketscloud</c>.</summary>
    /// <remarks>
    /// Kept for one release for clients of the Ticketscloud-only shape.
    /// Pass <c>nextCursor</c> back as <c>cursor</c> for the next page. E-mails, phones and names are masked
    /// unless the key has <c>read:pii</c>; filtering by <c>client_email</c> needs it.
    /// </remarks>
    /// <response code="200">A page of orders.</response>
    /// <response code="400">A parameter is invalid; <c>errors</c> names it.</response>
    /// <response code="403"><c>client_email</c> was given by a key without <c>read:pii</c>.</response>
    public static async Task<Results<Ok<TicketscloudOrderPageDto>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] TicketscloudOrderParameters parameters, HttpContext http, TicketscloudOrderReader reader, ReadableAccounts accounts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(accounts);
        var query = new QueryText();
        var filter = parameters.Parse(query) with
        {
            Accounts = await accounts.ResolveAsync(http.User, parameters.Account, query, cancellationToken, [AccountPlatforms.Ticketscloud]),
        };
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        if (filter.ClientEmail is not null && !pii)
        {
            return ApiProblems.EmailFilterNeedsPii();
        }
        return TypedResults.Ok(await reader.PageAsync(filter, pii, cancellationToken));
    }

    /// <summary>Deprecated: one Ticketscloud order in its own shape; use <c>GET /api/v1/orders/{account}/{id}</c>.</summary>
    /// <param name="id">The Ticketscloud order id (24 hex digits).</param>
    /// <response code="200">The order.</response>
    /// <response code="400">The id is not 24 hex digits.</response>
    /// <response code="404">No account the key may read holds such an order.</response>
    public static async Task<Results<Ok<TicketscloudOrderDto>, ValidationProblem, ProblemHttpResult>> Get(
        string id, HttpContext http, TicketscloudOrderReader reader, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(id);
        var normalized = id.Trim().ToLowerInvariant();
        if (!TicketscloudOrderParameters.IsHexId(normalized))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A Ticketscloud order id is 24 hex digits."] });
        }
        var readable = await accounts.ResolveAsync(http.User, null, new QueryText(), cancellationToken);
        var order = await reader.FindAsync(normalized, readable, http.User.HasScope(ApiScopes.ReadPii), cancellationToken);
        return order is null
            ? ApiProblems.NotFound("Ticketscloud order", $"The mirror holds no Ticketscloud order {normalized}.")
            : TypedResults.Ok(order);
    }
}
