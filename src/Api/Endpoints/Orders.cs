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
            .ProducesAlternative(ResponseFormat.CsvMediaType)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        orders.MapLookups("Order", Get, GetInAccount);
        return api;
    }

    /// <summary>Lists the orders of both platforms in one shape, newest first, a page at a time.</summary>
    /// <remarks>
    /// Each item is a row of the <c>mirror.orders</c> view (docs/schema.md): QTickets and Ticketscloud orders
    /// alike, with a text <c>id</c> and one <c>status</c> vocabulary; newest first (orders created at the same
    /// instant in a fixed order of platform, account and id). <c>include=raw</c> adds the platform's own payload as <c>platformFields</c>.
    /// Pass <c>nextCursor</c> back as <c>cursor</c> for the next page: pages never skip or repeat an order,
    /// even while new orders arrive. With <c>format=csv</c> (or <c>Accept: text/csv</c>) every matching order is
    /// streamed as a UTF-8 CSV attachment instead. E-mails, phones and names are masked unless the key has
    /// <c>read:pii</c>. Only accounts the key may read (<c>Auth:ApiKeys:n:Accounts</c>) are listed.
    /// </remarks>
    /// <response code="200">A page of orders, or the CSV export.</response>
    /// <response code="400">A parameter is invalid; <c>errors</c> names it (e.g. <c>cursor</c>, <c>limit</c>, or <c>account</c> naming an account that does not exist or is on a platform <c>platform</c> leaves out).</response>
    /// <response code="403"><c>client_email</c> was given by a key without <c>read:pii</c>.</response>
    public static async Task<Results<Ok<MirrorOrderPageDto>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] OrderListParameters parameters, HttpContext http, MirrorOrderReader reader, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var query = new QueryText();
        var filter = parameters.Parse(query);
        filter = filter with
        {
            Accounts = await accounts.ResolveAsync(http.User, parameters.Account, query, cancellationToken, filter.Platforms),
        };
        var csv = ResponseFormat.WantsCsv(http.Request, parameters.Format, query);
        foreach (var (name, instead) in OrderListParameters.Retired)
        {
            // Silently ignoring a filter a client still sends would hand it every order as if filtered.
            if (http.Request.Query.ContainsKey(name))
            {
                query.Fail(name, instead);
            }
        }
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        if (filter.ClientEmail is not null && !pii)
        {
            return ApiProblems.EmailFilterNeedsPii();
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
    /// <param name="id">The platform's order id: a QTickets number or a Ticketscloud hex id.</param>
    /// <param name="account">Look only in these accounts (repeated or comma-separated).</param>
    /// <param name="include"><c>raw</c> to add the platform's own payload as <c>platformFields</c>.</param>
    /// <response code="200">The order.</response>
    /// <response code="400"><c>account</c> names an account that does not exist or the key may not read.</response>
    /// <response code="404">No account the key may read holds an order with this id.</response>
    /// <response code="409">Several accounts the key may read hold an order with this id.</response>
    public static async Task<Results<Ok<MirrorOrderDto>, ValidationProblem, ProblemHttpResult>> Get(
        string id,
        [FromQuery(Name = "account")] string[]? account,
        [FromQuery(Name = "include"), ClosedSet("raw")] string? include,
        HttpContext http,
        MirrorOrderReader reader,
        ReadableAccounts accounts,
        CancellationToken cancellationToken) =>
        await FindOneAsync(id, include, http, reader, (trimmed, find) => AccountScopedLookup.ByIdAsync(
            http, account, accounts, find,
            ApiProblems.NotFound("Order", $"The mirror holds no order {trimmed}."),
            found => ApiProblems.Ambiguous("Order", trimmed, found.Select(o => o.Account),
                $"/api/v1/orders/{found[0].Account}/{Uri.EscapeDataString(trimmed)}"),
            cancellationToken), cancellationToken);

    /// <summary>One order of one account, with its tickets.</summary>
    /// <param name="account">The account (<c>Accounts:n:Name</c>); <c>default</c> in a single-account setup.</param>
    /// <param name="id">The platform's order id: a QTickets number or a Ticketscloud hex id.</param>
    /// <param name="include"><c>raw</c> to add the platform's own payload as <c>platformFields</c>.</param>
    /// <response code="200">The order.</response>
    /// <response code="400"><c>include</c> is not <c>raw</c>.</response>
    /// <response code="404">The account holds no such order, or does not exist, or the key may not read it (the three are not told apart).</response>
    public static async Task<Results<Ok<MirrorOrderDto>, ValidationProblem, ProblemHttpResult>> GetInAccount(
        string account,
        string id,
        [FromQuery(Name = "include"), ClosedSet("raw")] string? include,
        HttpContext http,
        MirrorOrderReader reader,
        ReadableAccounts accounts,
        CancellationToken cancellationToken) =>
        await FindOneAsync(id, include, http, reader, async (trimmed, find) =>
        {
            var found = await AccountScopedLookup.InAccountAsync(
                http, account, accounts, find,
                ApiProblems.NotFound("Order", $"The mirror holds no order {trimmed} in account '{account}'."),
                cancellationToken);
            return found.Result switch
            {
                Ok<MirrorOrderDto> ok => ok,
                ProblemHttpResult problem => problem,
                _ => throw new InvalidOperationException("An account lookup answers an order or a problem."),
            };
        }, cancellationToken);

    /// <summary>
    /// What both single-order answers share: the id trimmed, <c>include</c> read (400 unless absent or <c>raw</c>),
    /// contact details unmasked only for <c>read:pii</c>; <paramref name="lookup"/> then finds the order with the
    /// reader it is handed.
    /// </summary>
    private static async Task<Results<Ok<MirrorOrderDto>, ValidationProblem, ProblemHttpResult>> FindOneAsync(
        string id,
        string? include,
        HttpContext http,
        MirrorOrderReader reader,
        Func<string, Func<AccountFilter, Task<IReadOnlyList<MirrorOrderDto>>>, Task<Results<Ok<MirrorOrderDto>, ValidationProblem, ProblemHttpResult>>> lookup,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        if (!TryIncludeRaw(include, out var raw))
        {
            return TypedResults.ValidationProblem(IncludeError(include));
        }
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        var trimmed = id.Trim();
        return await lookup(trimmed, filter => reader.FindAsync(filter, trimmed, pii, raw, cancellationToken));
    }

    private static bool TryIncludeRaw(string? include, out bool raw)
    {
        raw = string.Equals(include?.Trim(), "raw", StringComparison.OrdinalIgnoreCase);
        return raw || string.IsNullOrWhiteSpace(include);
    }

    private static Dictionary<string, string[]> IncludeError(string? include) =>
        new() { ["include"] = [$"'{include}' cannot be included; the only option is raw."] };
}
