using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

public static class Orders
{
    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapGet("/", List)
            .WithName("ListOrders")
            .ProducesCsvAlternative()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        orders.MapGet("/{id:long}", Get)
            .WithName("GetOrder")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapGet("/{account}/{id:long}", GetInAccount).WithName("GetAccountOrder").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Lists orders, newest first (created_at desc, id desc), a page at a time.</summary>
    /// <remarks>
    /// Pass <c>nextCursor</c> back as <c>cursor</c> for the next page: pages never skip or repeat an order,
    /// even while new orders arrive. With <c>format=csv</c> (or <c>Accept: text/csv</c>) every matching order is
    /// streamed as a UTF-8 CSV attachment instead. E-mails, phones and names are masked unless the key has
    /// <c>read:pii</c>. Only accounts the key may read (<c>Auth:ApiKeys:n:Accounts</c>) are listed.
    /// </remarks>
    /// <response code="200">A page of orders, or the CSV export.</response>
    /// <response code="400">A parameter is invalid; <c>errors</c> names it (e.g. <c>cursor</c>, <c>limit</c>, <c>account</c>).</response>
    /// <response code="403"><c>client_email</c> was given by a key without <c>read:pii</c>.</response>
    public static async Task<Results<Ok<OrderPageDto>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] OrderListParameters parameters, HttpContext http, OrderReader reader, ReadableAccounts accounts, CancellationToken cancellationToken)
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
        var csv = ResponseFormat.WantsCsv(http.Request, parameters.Format, query);
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        if (filter.ClientEmail is not null && !pii)
        {
            // Masked output is no protection if a key can still ask "is this person a buyer?" by exact address.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "client_email needs read:pii",
                detail: "Filtering by e-mail finds a person; only keys with the read:pii scope may do it.");
        }
        if (csv)
        {
            return TypedResults.Stream(
                stream => OrderCsv.WriteAsync(stream, reader.StreamAsync(filter, null, pii, http.RequestAborted), http.RequestAborted),
                "text/csv; charset=utf-8",
                "orders.csv");
        }
        return TypedResults.Ok(await reader.PageAsync(filter, pii, cancellationToken));
    }

    /// <summary>One order with its tickets, by id alone.</summary>
    /// <remarks>
    /// Order ids are unique only within one account. When the id exists in several of the accounts the key may
    /// read, the answer is 409 naming them: narrow with <c>account</c> or use <c>GET /api/v1/orders/{account}/{id}</c>.
    /// </remarks>
    /// <param name="id">The platform's order id.</param>
    /// <param name="account">Look only in these accounts (repeated or comma-separated).</param>
    /// <response code="200">The order.</response>
    /// <response code="400"><c>account</c> names an account that does not exist or the key may not read.</response>
    /// <response code="404">No account the key may read holds an order with this id.</response>
    /// <response code="409">Several accounts the key may read hold an order with this id.</response>
    public static async Task<Results<Ok<OrderDto>, ValidationProblem, ProblemHttpResult>> Get(
        long id,
        [FromQuery(Name = "account")] string[]? account,
        HttpContext http,
        OrderReader reader,
        ReadableAccounts accounts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        return await AccountScopedLookup.ByIdAsync(
            http, account, accounts,
            filter => reader.FindAsync(filter, id, pii, cancellationToken),
            ApiProblems.NotFound("Order", $"The mirror holds no order {id}."),
            found => ApiProblems.Ambiguous("Order", id.ToString(CultureInfo.InvariantCulture), found.Select(o => o.Account),
                $"/api/v1/orders/{found[0].Account}/{id}"),
            cancellationToken);
    }

    /// <summary>One order of one account, with its tickets.</summary>
    /// <param name="account">The account (<c>Accounts:n:Name</c>); <c>default</c> in a single-account setup.</param>
    /// <param name="id">The platform's order id.</param>
    /// <response code="200">The order.</response>
    /// <response code="404">The account holds no such order, or does not exist, or the key may not read it (the three are not told apart).</response>
    public static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> GetInAccount(
        string account, long id, HttpContext http, OrderReader reader, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        return await AccountScopedLookup.InAccountAsync(
            http, account, accounts,
            filter => reader.FindAsync(filter, id, pii, cancellationToken),
            ApiProblems.NotFound("Order", $"The mirror holds no order {id} in account '{account}'."),
            cancellationToken);
    }
}
