using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Dashboard;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary><c>/dashboard</c>: sync health, sales and failures on one page, for people rather than programs.</summary>
public static class Dashboard
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        services.AddSingleton<DashboardReader>();

    /// <summary>
    /// Same access as <c>/hangfire</c> (<see cref="DashboardAccess"/>): an API key with <c>read</c> or the Basic
    /// credentials. A browser without either is asked for the Basic ones (when they are configured).
    /// </summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", ShowAsync).ExcludeFromDescription();
        // The service's front door in a browser is the page for people.
        app.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// <c>?account=&amp;platform=&amp;event=</c> narrow every figure of the page (<see cref="DashboardFilter"/>); a
    /// value naming nothing the service has is a 400 that says so, not an empty page.
    /// </summary>
    private static async Task<IResult> ShowAsync(HttpContext http, DashboardAccess access, DashboardReader reader,
        string? account, string? platform, string? @event, CancellationToken cancellationToken)
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
        var query = new QueryText();
        var filter = DashboardFilter.Parse(query, account, platform, @event, await reader.AccountsAsync(cancellationToken));
        if (query.HasErrors)
        {
            return TypedResults.ValidationProblem(query.Errors);
        }
        var model = await reader.ReadAsync(filter, cancellationToken);
        var labels = DashboardLabels.For(http.Request.GetTypedHeaders());
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Vary = "Accept-Language";
        return Results.Content(DashboardPage.Render(model, labels), "text/html; charset=utf-8");
    }
}
