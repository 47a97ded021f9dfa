using Microsoft.Extensions.Options;
using Prometheus;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Infrastructure.Observability;
using Qtickets.Sync.Api.Endpoints;

namespace Qtickets.Sync.Api.Hosting;

public static class SurfaceSetup
{
    public static IServiceCollection AddSurface(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SurfaceOptions>().Bind(configuration.GetSection(SurfaceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurfaceOptions>, SurfaceOptionsValidator>();
        return services;
    }

    /// <summary>HTTP request metrics, on the registry <c>/metrics</c> serves.</summary>
    public static WebApplication UseSyncHttpMetrics(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<SyncMetricsRegistry>().Factory;
        app.UseHttpMetrics(options => options.SetMetricFactory(factory));
        return app;
    }

    /// <summary>
    /// <c>/metrics</c>, for Prometheus: public, admin key, or key-free on its own port (see <see cref="SurfaceOptions"/>).
    /// Builds every <see cref="ISyncMetricSet"/> first, so the service's own metrics are all there from the first
    /// scrape and count from startup.
    /// </summary>
    public static WebApplication MapSyncMetrics(this WebApplication app)
    {
        var surface = app.Services.GetRequiredService<IOptions<SurfaceOptions>>().Value;
        _ = app.Services.GetServices<ISyncMetricSet>().ToList();
        var metrics = app.MapMetrics("/metrics", app.Services.GetRequiredService<SyncMetricsRegistry>().Registry);
        if (surface.Public)
        {
            return app;
        }
        if (surface.MetricsPort is { } port)
        {
            metrics.RequireHost($"*:{port}");
        }
        else
        {
            metrics.RequireAuthorization(AuthPolicies.Admin);
        }
        return app;
    }

    /// <summary>
    /// Puts the Swagger document and UI behind a read key or the dashboard login (<see cref="DashboardAccess"/>,
    /// so a browser can open it) unless the surface is public or this is Development. Must run after
    /// authentication and before <see cref="SwaggerSetup.MapSyncSwagger"/>.
    /// </summary>
    public static WebApplication UseSwaggerGate(this WebApplication app)
    {
        var surface = app.Services.GetRequiredService<IOptions<SurfaceOptions>>().Value;
        if (surface.Public || app.Environment.IsDevelopment())
        {
            return app;
        }
        var access = app.Services.GetRequiredService<DashboardAccess>();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
                && !context.User.HasScope(ApiScopes.Read) && !access.HasBasicLogin(context.Request))
            {
                var refusal = context.User.Identity?.IsAuthenticated == true
                    ? AuthProblems.MissingScope(context.User, [ApiScopes.Read])
                    : AuthProblems.Unauthenticated(context, basicLogin: access.BasicEnabled);
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}
