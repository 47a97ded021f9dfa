using Microsoft.AspNetCore.Http.HttpResults;
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
        orders.MapGet("/{id:long}", Get).WithName("GetOrder").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Lists orders, newest first (created_at desc, id desc), a page at a time.</summary>
    /// <remarks>
    /// Pass <c>next_cursor</c> back as <c>cursor</c> for the next page: pages never skip or repeat an order,
    /// even while new orders arrive. With <c>format=csv</c> (or <c>Accept: text/csv</c>) every matching order is
    /// streamed as a UTF-8 CSV attachment instead. E-mails, phones and names are masked unless the key has
    /// <c>read:pii</c>.
    /// </remarks>
    /// <response code="200">A page of orders, or the CSV export.</response>
    /// <response code="400">A parameter is invalid; <c>errors</c> names it (e.g. <c>cursor</c>, <c>limit</c>).</response>
    /// <response code="403"><c>client_email</c> was given by a key without <c>read:pii</c>.</response>
    public static async Task<Results<Ok<OrderPageDto>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] OrderListParameters parameters, HttpContext http, OrderReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        var query = new QueryText();
        var filter = parameters.Parse(query);
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

    /// <summary>One order with its tickets.</summary>
    /// <param name="id">The QTickets order id.</param>
    /// <response code="200">The order.</response>
    /// <response code="404">The mirror holds no order with this id.</response>
    public static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> Get(
        long id, HttpContext http, OrderReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        var order = await reader.FindAsync(id, http.User.HasScope(ApiScopes.ReadPii), cancellationToken);
        return order is null
            ? ApiProblems.NotFound("Order", $"The mirror holds no order {id}.")
            : TypedResults.Ok(order);
    }
}
