using Hangfire.Dashboard;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>
/// Replaces Hangfire's default local-requests-only filter. A refused request gets
/// <c>WWW-Authenticate: Basic</c>; Hangfire itself then answers 401 (or 403 to an authenticated caller).
/// </summary>
public sealed class DashboardAuthorizationFilter(DashboardAccess access) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (access.Evaluate(http) != DashboardAccessLevel.None)
        {
            return true;
        }
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Qtickets.Sync jobs\", charset=\"UTF-8\"";
        return false;
    }
}
