using Hangfire;

namespace Qtickets.Sync.Api.Endpoints;

public static class Dashboard
{
    /// <summary>The Hangfire dashboard at <c>/hangfire</c>.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            DisplayStorageConnectionString = false,
            DashboardTitle = "Qtickets.Sync jobs",
        });
        return app;
    }
}
