using Microsoft.Extensions.Options;
using Prometheus;
using Qtickets.Sync.Api.Auth;
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

    /// <summary><c>/metrics</c>, for Prometheus: public, admin key, or key-free on its own port (see <see cref="SurfaceOptions"/>).</summary>
    public static WebApplication MapSyncMetrics(this WebApplication app)
    {
        var surface = app.Services.GetRequiredService<IOptions<SurfaceOptions>>().Value;
        var metrics = app.MapMetrics("/metrics");
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
