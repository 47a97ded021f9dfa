using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

public static class Tickets
{
    public static RouteGroupBuilder MapTickets(this RouteGroupBuilder api)
    {
        api.MapGroup("/tickets").WithTags("Tickets").MapGet("/{barcode}", Get)
            .WithName("GetTicket")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>A ticket of either platform by its barcode, with its order.</summary>
    /// <param name="barcode">The barcode printed on the ticket.</param>
    /// <param name="account">Look only in these accounts (repeated or comma-separated); default every account the key may read.</param>
    /// <response code="200">The ticket.</response>
    /// <response code="400"><c>account</c> names an account that does not exist or the key may not read.</response>
    /// <response code="404">No ticket of an account the key may read carries this barcode.</response>
    /// <response code="409">Tickets of several accounts the key may read carry this barcode; name the account.</response>
    public static async Task<Results<Ok<MirrorTicketDto>, ValidationProblem, ProblemHttpResult>> Get(
        string barcode,
        [FromQuery(Name = "account")] string[]? account,
        HttpContext http,
        MirrorTicketReader reader,
        ReadableAccounts accounts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accounts);
        var pii = http.User.HasScope(ApiScopes.ReadPii);
        return await AccountScopedLookup.ByIdAsync(
            http, account, accounts,
            filter => reader.FindAsync(filter, barcode, pii, cancellationToken),
            ApiProblems.NotFound("Ticket", "No ticket carries this barcode."),
            found => ApiProblems.Ambiguous("Ticket", "barcode", found.Select(t => t.Account),
                $"/api/v1/tickets/{Uri.EscapeDataString(barcode)}?account={found[0].Account}"),
            cancellationToken);
    }
}
