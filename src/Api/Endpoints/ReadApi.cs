using Qtickets.Sync.Api.Auth;

namespace Qtickets.Sync.Api.Endpoints;

public static class ReadApi
{
    /// <summary>The read endpoints under <c>/api/v1</c>, all requiring the <c>read</c> scope.</summary>
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(AuthPolicies.Read)
            .ProducesKeyProblems();
        api.MapOrders().MapTickets().MapEvents().MapSales().MapSyncStatus().MapTicketscloudOrders().MapChanges();
        return app;
    }
}
