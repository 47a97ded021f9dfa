using Microsoft.AspNetCore.Http.HttpResults;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

public static class Tickets
{
    public static RouteGroupBuilder MapTickets(this RouteGroupBuilder api)
    {
        api.MapGroup("/tickets").WithTags("Tickets").MapGet("/{barcode}", Get).WithName("GetTicket").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>A ticket by its barcode, with its order, event and show.</summary>
    /// <param name="barcode">The barcode printed on the ticket.</param>
    /// <response code="200">The ticket.</response>
    /// <response code="404">No ticket carries this barcode.</response>
    public static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> Get(
        string barcode, HttpContext http, OrderReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reader);
        var ticket = await reader.FindTicketAsync(barcode, http.User.HasScope(ApiScopes.ReadPii), cancellationToken);
        return ticket is null
            ? ApiProblems.NotFound("Ticket", "No ticket carries this barcode.")
            : TypedResults.Ok(ticket);
    }
}
