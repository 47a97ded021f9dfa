using Microsoft.Extensions.Options;
using Qtickets.Emulator.Activity;
using Qtickets.Emulator.Data;
using Qtickets.Emulator.Faults;

namespace Qtickets.Emulator.Api;

/// <summary><c>GET /orders</c> (listing) and <c>GET /orders/{id}</c>.</summary>
public static class OrdersEndpoints
{
    public static void MapOrdersEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/orders", async (
            HttpRequest request, OrganizerStore organizer, ActivitySimulator simulator, EmulatorFaults faults,
            IOptions<EmulatorOptions> options, CancellationToken ct) =>
        {
            OrderQuery query;
            try
            {
                query = OrderQueryBuilder.Build(await ListingRequest.ReadAsync(request, options.Value.Behaviour ?? ServerBehaviour.Documented, ct));
            }
            catch (FormatException e)
            {
                return ApiError.BadRequest(e.Message);
            }

            var page = organizer.Store.ListOrders(query);
            var morePagesFollow = query.Offset + page.Items.Count < page.Total;
            if (organizer.IsFirst && page.Items.Count > 0 && morePagesFollow && !query.Descending && faults.NextShiftPages())
            {
                simulator.InsertShiftingOrder(query, page.Items[0]);
            }

            return PagedJson.Create(page.Items, page.Page, page.PerPage, page.Total, (w, o) => OrderJsonWriter.Write(w, o));
        });

        api.MapGet("/orders/{id:int}", (int id, OrganizerStore organizer) =>
            organizer.Store.FindOrder(id) is { } order
                ? PagedJson.Single(w => OrderJsonWriter.Write(w, order))
                : ApiError.NotFound());
    }
}
