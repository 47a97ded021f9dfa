using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Dashboard;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Infrastructure.Persistence;

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
        app.MapGet("/dashboard/orders/{account}/{id}/history", ShowHistoryAsync).ExcludeFromDescription();
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
        if (Refusal(http, access) is { } refused)
        {
            return refused;
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

    /// <summary>
    /// One order's history (issue 27), read as <c>GET /api/v1/orders/{account}/{id}/history</c> reads it; customer
    /// data masked unless the viewer's key has <c>read:pii</c> (the Basic credentials do not).
    /// </summary>
    private static async Task<IResult> ShowHistoryAsync(HttpContext http, DashboardAccess access, ReadableAccounts accounts, ChangeReader changes,
        IOptions<SalesOptions> sales, string account, string id, CancellationToken cancellationToken)
    {
        if (Refusal(http, access) is { } refused)
        {
            return refused;
        }
        var history = await accounts.FindAsync(http.User, account, cancellationToken) is { } accountId
            ? await changes.HistoryAsync(accountId, id, http.User.HasScope(ApiScopes.ReadPii), cancellationToken)
            : null;
        if (history is null)
        {
            return ApiProblems.NotFound("Order history", $"The mirror holds no history of order {id} in account '{account}'.");
        }
        var labels = DashboardLabels.For(http.Request.GetTypedHeaders());
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Vary = "Accept-Language";
        return Results.Content(OrderHistoryPage.Render(account, id, history, sales.Value.TimeZone, labels), "text/html; charset=utf-8");
    }

    /// <summary>
    /// Why the dashboard's pages are refused to this request, or null when it may see them. A key limited to some
    /// accounts is refused: the dashboard shows every account.
    /// </summary>
    private static IResult? Refusal(HttpContext http, DashboardAccess access)
    {
        if (access.Evaluate(http) != DashboardAccessLevel.None)
        {
            return null;
        }
        if (http.User.IsLimited())
        {
            return AuthProblems.LimitedToAccounts(http.User, "The dashboard shows every account; a key limited to some reads them through /api/v1.");
        }
        return http.User.Identity?.IsAuthenticated == true
            ? AuthProblems.MissingScope(http.User, [ApiScopes.Read])
            : AuthProblems.Unauthenticated(http, basicLogin: access.BasicEnabled);
    }
}
