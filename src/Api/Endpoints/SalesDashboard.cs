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
    /// credentials. A browser without either is asked for the Basic ones.
    /// </summary>
    public static IEndpointRouteBuilder MapSalesDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", ShowAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, DashboardAccess access, DashboardReader reader, long? @event, CancellationToken cancellationToken)
    {
        if (access.Evaluate(http) == DashboardAccessLevel.None && http.User.IsLimited())
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Needs a key for every account",
                detail: "The dashboard shows every account; a key limited by Auth:ApiKeys:n:Accounts reads them through /api/v1.");
        }
        if (access.Evaluate(http) == DashboardAccessLevel.None)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Qtickets.Sync\", charset=\"UTF-8\"";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Credentials required",
                detail: "Send an X-Api-Key with the read scope, or the Dashboard:Username/Password as HTTP Basic.");
        }
        var model = await reader.ReadAsync(@event, cancellationToken);
        var labels = DashboardLabels.For(http.Request.GetTypedHeaders());
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Vary = "Accept-Language";
        return Results.Content(DashboardPage.Render(model, labels), "text/html; charset=utf-8");
    }
}
