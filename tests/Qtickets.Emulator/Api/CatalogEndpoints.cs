using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>
/// <c>GET /events</c>, <c>GET /events/{id}</c> and <c>GET /clients</c>: small, read-only lists paged by id
/// (<c>orderBy id asc|desc</c>); <c>where</c> conditions are accepted and ignored, nothing here is ever deleted.
/// </summary>
public static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", (HttpRequest request, OrganizerStore organizer, CancellationToken ct) =>
            PagedAsync(request, organizer.Store.Events, EventJsonWriter.Write, ct));

        api.MapGet("/events/{id:int}", (int id, OrganizerStore organizer) =>
            organizer.Store.Events.FirstOrDefault(e => e.Id == id) is { } ev
                ? PagedJson.Single(w => EventJsonWriter.Write(w, ev))
                : ApiError.NotFound());

        api.MapGet("/clients", (HttpRequest request, OrganizerStore organizer, CancellationToken ct) =>
            PagedAsync(request, organizer.Store.Clients, ClientJsonWriter.Write, ct));
    }

    /// <summary>Items must already be sorted by id ascending.</summary>
    private static async Task<IResult> PagedAsync<T>(
        HttpRequest request, IReadOnlyList<T> items, Action<System.Text.Json.Utf8JsonWriter, T> write, CancellationToken ct)
    {
        ListingRequest listing;
        try
        {
            listing = await ListingRequest.ReadAsync(request, ServerBehaviour.Documented, ct);
        }
        catch (FormatException e)
        {
            return ApiError.BadRequest(e.Message);
        }

        var offset = (int)Math.Min(items.Count, (long)(listing.Page - 1) * listing.PerPage);
        var count = Math.Min(listing.PerPage, items.Count - offset);
        var page = Enumerable.Range(offset, count).Select(i => items[listing.Descending ? items.Count - 1 - i : i]);
        return PagedJson.Create(page, listing.Page, listing.PerPage, items.Count, write);
    }
}
