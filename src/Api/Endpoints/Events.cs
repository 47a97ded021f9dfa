using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

public static class Events
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");
        events.MapGet("/", List).WithName("ListEvents").ProducesValidationProblem();
        events.MapLookups("Event", Get, GetInAccount);
        return api;
    }

    /// <summary>Every event with its shows and sales totals (tickets sold, revenue, refunds).</summary>
    /// <param name="account">Only events of these accounts (repeated or comma-separated); default every account the key may read.</param>
    /// <response code="200">The events, by id (then account).</response>
    /// <response code="400"><c>account</c> names an account that does not exist or the key may not read.</response>
    public static async Task<Results<Ok<IReadOnlyList<EventDto>>, ValidationProblem>> List(
        [FromQuery(Name = "account")] string[]? account, HttpContext http, EventReader reader, ReadableAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var query = new QueryText();
        var filter = await accounts.ResolveAsync(http.User, account, query, cancellationToken);
        return query.HasErrors
            ? TypedResults.ValidationProblem(query.Errors)
            : TypedResults.Ok(await reader.ListAsync(filter, null, cancellationToken));
    }

    /// <summary>One event with its shows and sales totals, by id alone.</summary>
    /// <remarks>Event ids are unique only within one account: an id several readable accounts use answers 409.</remarks>
    /// <param name="id">The platform's event id: a QTickets number or a Ticketscloud hex id (or the mirror's number for it, as <c>id</c> in the list gives it).</param>
    /// <param name="account">Look only in these accounts (repeated or comma-separated).</param>
    /// <response code="200">The event.</response>
    /// <response code="400"><c>account</c> names an account that does not exist or the key may not read.</response>
    /// <response code="404">Neither the catalog nor any order knows this event.</response>
    /// <response code="409">Several accounts the key may read have an event with this id.</response>
    public static async Task<Results<Ok<EventDto>, ValidationProblem, ProblemHttpResult>> Get(
        string id, [FromQuery(Name = "account")] string[]? account, HttpContext http, EventReader reader, ReadableAccounts accounts,
        CancellationToken cancellationToken) =>
        await AccountScopedLookup.ByIdAsync(
            http, account, accounts, Finder(reader, id, cancellationToken),
            ApiProblems.NotFound("Event", $"No event {id} in the catalog or in orders."),
            found => ApiProblems.Ambiguous("Event", id, found.Select(e => e.Account),
                $"/api/v1/events/{found[0].Account}/{Uri.EscapeDataString(id.Trim())}"),
            cancellationToken);

    /// <summary>One event of one account with its shows and sales totals.</summary>
    /// <param name="account">The account (<c>Accounts:n:Name</c>); <c>default</c> in a single-account setup.</param>
    /// <param name="id">The platform's event id: a QTickets number or a Ticketscloud hex id (or the mirror's number for it).</param>
    /// <response code="200">The event.</response>
    /// <response code="404">The account knows no such event, or does not exist, or the key may not read it.</response>
    public static async Task<Results<Ok<EventDto>, ProblemHttpResult>> GetInAccount(
        string account, string id, HttpContext http, EventReader reader, ReadableAccounts accounts, CancellationToken cancellationToken) =>
        await AccountScopedLookup.InAccountAsync(
            http, account, accounts, Finder(reader, id, cancellationToken),
            ApiProblems.NotFound("Event", $"No event {id} in account '{account}'."),
            cancellationToken);

    /// <summary>Finds the events <paramref name="id"/> names among the accounts a lookup hands it.</summary>
    private static Func<AccountFilter, Task<IReadOnlyList<EventDto>>> Finder(EventReader reader, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(id);
        var trimmed = id.Trim();
        return filter => reader.FindAsync(filter, trimmed, cancellationToken);
    }
}
