using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Dashboard;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary><c>/dashboard</c>: sync health, sales and failures on one page, for people rather than programs.</summary>
public static class SalesDashboard
{
    public static IServiceCollection AddSalesDashboard(this IServiceCollection services) =>
        services.AddSingleton<DashboardReader>();

    /// <summary>
    /// Same access as <c>/hangfire</c> (<see cref="DashboardAccess"/>): an API key with <c>read</c> or the Basic
    /// credentials. A browser without either is asked for the Basic ones (when they are configured).
    /// </summary>
    public static IEndpointRouteBuilder MapSalesDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", ShowAsync).ExcludeFromDescription();
        // The service's front door in a browser is the page for people.
        app.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, DashboardAccess access, DashboardReader reader, long? @event, CancellationToken cancellationToken)
    {
        if (access.Evaluate(http) == DashboardAccessLevel.None && http.User.IsLimited())
        {
            return AuthProblems.LimitedToAccounts(http.User, "The dashboard shows every account; a key limited to some reads them through /api/v1.");
        }
        if (access.Evaluate(http) == DashboardAccessLevel.None)
        {
            return http.User.Identity?.IsAuthenticated == true
                ? AuthProblems.MissingScope(http.User, [ApiScopes.Read])
                : AuthProblems.Unauthenticated(http, basicLogin: access.BasicEnabled);
        }
        var model = await reader.ReadAsync(@event, cancellationToken);
        var labels = DashboardLabels.For(http.Request.GetTypedHeaders());
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Vary = "Accept-Language";
        return Results.Content(DashboardPage.Render(model, labels), "text/html; charset=utf-8");
    }
}
