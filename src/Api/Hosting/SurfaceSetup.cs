using Microsoft.Extensions.Options;
using Prometheus;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Infrastructure.Observability;

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
    /// Puts the Swagger document and UI behind a read key unless the surface is public or this is Development.
    /// Must run after authentication and before <see cref="SwaggerSetup.MapSyncSwagger"/>.
    /// </summary>
    public static WebApplication UseSwaggerGate(this WebApplication app)
    {
        var surface = app.Services.GetRequiredService<IOptions<SurfaceOptions>>().Value;
        if (surface.Public || app.Environment.IsDevelopment())
        {
            return app;
        }
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
                && !context.User.HasScope(ApiScopes.Read))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "API key required",
                    detail: "Swagger needs an X-Api-Key with the read scope (or Surface:Public=true).").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}
