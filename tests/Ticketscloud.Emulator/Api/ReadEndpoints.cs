using System.Text.Json.Nodes;
using Ticketscloud.Emulator.Data;

namespace Ticketscloud.Emulator.Api;

/// <summary>
/// <c>GET /v2/resources/orders</c> and <c>GET /v2/resources/refund_requests</c>: the organizer's items matching
/// the filters, newest first (new orders push older ones to later pages, so a walk may see a row twice, never
/// miss one).
/// </summary>
public static class ReadEndpoints
{
    public static void MapReadEndpoints(this RouteGroupBuilder resources)
    {
        resources.MapGet("orders", (HttpContext context, TcStore store) =>
        {
            if (!TcListing.TryRead(context.Request.Query, out var listing, out var error))
            {
                return TcError.Create(StatusCodes.Status400BadRequest, "bad_request", error);
            }
            var organizer = KeyAuthFilter.Organizer(context);
            var body = store.Read(() =>
            {
                var matched = organizer.Orders.Where(o => listing.Admits(o.CreatedAt, o.Status, o.Event)).Reverse().ToList();
                var page = matched.Skip((listing.Page - 1) * listing.PageSize).Take(listing.PageSize).ToList();
                return TcListing.Envelope(
                    new JsonArray([.. page.Select(o => (JsonNode)TcJson.Order(organizer, o))]),
                    listing.Page, listing.PageSize, matched.Count, TcJson.Refs(organizer, page)).ToJsonString();
            });
            return Results.Content(body, "application/json");
        });

        resources.MapGet("refund_requests", (HttpContext context, TcStore store) =>
        {
            if (!TcListing.TryRead(context.Request.Query, out var listing, out var error))
            {
                return TcError.Create(StatusCodes.Status400BadRequest, "bad_request", error);
            }
            var organizer = KeyAuthFilter.Organizer(context);
            var body = store.Read(() =>
            {
                var matched = organizer.RefundRequests.Where(r => listing.Admits(r.CreatedAt, r.Status, r.Event)).Reverse().ToList();
                var page = matched.Skip((listing.Page - 1) * listing.PageSize).Take(listing.PageSize).ToList();
                return TcListing.Envelope(
                    new JsonArray([.. page.Select(r => (JsonNode)TcJson.RefundRequest(organizer, r))]),
                    listing.Page, listing.PageSize, matched.Count,
                    TcJson.Refs(organizer, page.Select(r => organizer.OrdersById[r.Order]))).ToJsonString();
            });
            return Results.Content(body, "application/json");
        });
    }
}
