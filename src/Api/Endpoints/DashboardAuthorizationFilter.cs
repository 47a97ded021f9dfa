using Hangfire.Dashboard;
using Qtickets.Sync.Api.Auth;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>
/// Replaces Hangfire's default local-requests-only filter. A refused request gets <c>WWW-Authenticate: Basic</c>
/// (when the login is configured; the same realm as <c>/dashboard</c> and <c>/swagger</c>, so a browser logs in
/// once); Hangfire itself then answers 401 (or 403 to an authenticated caller).
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
        if (access.BasicEnabled)
        {
            http.Response.Headers.WWWAuthenticate = AuthProblems.BasicChallenge;
        }
        return false;
    }
}
