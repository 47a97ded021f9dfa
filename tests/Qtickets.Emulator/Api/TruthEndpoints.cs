using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>Control-plane views for tests: every order as it really is (no filters, no faults, no auth) and the counters.</summary>
public static class TruthEndpoints
{
    public static void MapTruthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/truth/orders", (Organizers organizers, int? page, int? per_page, int? organizer) =>
        {
            var store = organizers.Store(organizer ?? 0);
            var perPage = Math.Clamp(per_page ?? 1_000, 1, 10_000);
            var current = Math.Max(1, page ?? 1);
            var orders = store.GetOrders((int)Math.Min(int.MaxValue, (long)(current - 1) * perPage), perPage);
            return PagedJson.Create(orders, current, perPage, store.OrderCount, (w, o) => OrderJsonWriter.Write(w, o));
        });

        app.MapGet("/emulator/truth/orders/{id:int}", (int id, Organizers organizers, int? organizer) =>
            organizers.Store(organizer ?? 0).FindOrder(id) is { } order
                ? PagedJson.Single(w => OrderJsonWriter.Write(w, order))
                : ApiError.NotFound());

        app.MapGet("/emulator/stats", (EmulatorStore store, EmulatorStats stats) =>
            Results.Json(stats.Snapshot(store.OrderCount, store.BasketCount), EmulatorJsonContext.Default.StatsSnapshot));
    }
}
