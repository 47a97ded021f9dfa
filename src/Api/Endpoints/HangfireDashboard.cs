using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Endpoints;

public static class HangfireDashboard
{
    public static IServiceCollection AddHangfireDashboardAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardAccessOptions>().Bind(configuration.GetSection(DashboardAccessOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardAccessOptions>, DashboardAccessOptionsValidator>();
        services.AddSingleton<DashboardAccess>();
        // With IAntiforgery registered, Hangfire's dashboard refuses a POST (trigger, delete, requeue) that lacks
        // the token its own pages carry: a page on another site cannot ride on the browser's Basic credentials.
        services.AddAntiforgery();
        return services;
    }

    /// <summary>
    /// The Hangfire dashboard at <c>/hangfire</c>, for admin keys and the Basic credentials (full) and read keys
    /// (read-only). Hangfire's default filter is replaced, not added to: <c>RequireAuthorization</c> would leave
    /// it in place (HangfireIO/Hangfire#1593).
    /// </summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        var access = app.ServiceProvider.GetRequiredService<DashboardAccess>();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            DisplayStorageConnectionString = false,
            IgnoreAntiforgeryToken = false,
            DashboardTitle = "Qtickets.Sync jobs",
            // "Back to site" leads to the service's own page; the site root has none.
            AppPath = "/dashboard",
            Authorization = [new DashboardAuthorizationFilter(access)],
            AsyncAuthorization = [],
            IsReadOnlyFunc = context => access.Evaluate(context.GetHttpContext()) != DashboardAccessLevel.Full,
        });
        return app;
    }
}
