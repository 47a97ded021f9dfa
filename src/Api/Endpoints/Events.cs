using Microsoft.AspNetCore.Http.HttpResults;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

public static class Events
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");
        events.MapGet("/", List).WithName("ListEvents");
        events.MapGet("/{id:long}", Get).WithName("GetEvent").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Every event with its shows and sales totals (tickets sold, revenue, refunds).</summary>
    /// <response code="200">The events, by id.</response>
    public static async Task<Ok<IReadOnlyList<EventDto>>> List(EventReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return TypedResults.Ok(await reader.ListAsync(null, cancellationToken));
    }

    /// <summary>One event with its shows and sales totals.</summary>
    /// <param name="id">The QTickets event id.</param>
    /// <response code="200">The event.</response>
    /// <response code="404">Neither the catalog nor any order knows this event.</response>
    public static async Task<Results<Ok<EventDto>, ProblemHttpResult>> Get(long id, EventReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var found = await reader.ListAsync(id, cancellationToken);
        return found.Count == 0
            ? ApiProblems.NotFound("Event", $"No event {id} in the catalog or in orders.")
            : TypedResults.Ok(found[0]);
    }
}
