using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Endpoints;

namespace Qtickets.Sync.Api.ReadModels;

public static class ReadApiSetup
{
    /// <summary>The read API's readers.</summary>
    public static IServiceCollection AddReadApi(this IServiceCollection services)
    {
        services.AddSingleton<ReadableAccounts>();
        services.AddSingleton<MirrorOrderReader>();
        services.AddSingleton<TicketscloudOrderReader>();
        services.AddSingleton<MirrorTicketReader>();
        services.AddSingleton<EventReader>();
        services.AddSingleton<SalesReader>();
        services.AddSingleton<PostgresTimeZones>();
        services.AddSingleton<AccountStatusReader>();
        services.AddSingleton<SyncStatusReader>();
        services.AddSingleton<ReadReplicaStatusReader>();
        services.AddSingleton<ChangeReader>();
        return services;
    }

    /// <summary>The read endpoints under <c>/api/v1</c>, all requiring the <c>read</c> scope.</summary>
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(AuthPolicies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        api.MapOrders().MapTickets().MapEvents().MapSales().MapSyncStatus().MapTicketscloudOrders().MapChanges();
        return app;
    }
}
