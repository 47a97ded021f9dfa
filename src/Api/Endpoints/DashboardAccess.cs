using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.Auth;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>What a dashboard request may do.</summary>
public enum DashboardAccessLevel
{
    None,
    ReadOnly,
    Full,
}

/// <summary>
/// Decides dashboard access from an <c>X-Api-Key</c> (already authenticated by the API key scheme: admin →
/// full, read → read-only; a key limited to some accounts → none) or HTTP Basic credentials from
/// <see cref="DashboardAccessOptions"/> (full).
/// </summary>
public sealed class DashboardAccess(IOptionsMonitor<DashboardAccessOptions> options)
{
    public DashboardAccessLevel Evaluate(HttpContext context)
    {
        var settings = options.CurrentValue;
        var level = DashboardAccessLevel.None;
        // Both dashboards show every account (jobs, runs, sales); a key limited to some accounts gets neither.
        if (context.User.Identity?.IsAuthenticated == true && !context.User.IsLimited())
        {
            level = context.User.HasScope(ApiScopes.Admin) ? DashboardAccessLevel.Full
                : context.User.HasScope(ApiScopes.Read) ? DashboardAccessLevel.ReadOnly
                : DashboardAccessLevel.None;
        }
        if (level == DashboardAccessLevel.None && HasBasicLogin(context.Request))
        {
            level = DashboardAccessLevel.Full;
        }
        return settings.ReadOnly && level == DashboardAccessLevel.Full ? DashboardAccessLevel.ReadOnly : level;
    }

    /// <summary>The Basic login is configured (<c>Dashboard:Username</c>/<c>Dashboard:Password</c>).</summary>
    public bool BasicEnabled => options.CurrentValue.BasicEnabled;

    /// <summary>The request carries the configured Basic login (the pages a browser opens all take it).</summary>
    public bool HasBasicLogin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        return settings.BasicEnabled && BasicMatches(request, settings);
    }

    private static bool BasicMatches(HttpRequest request, DashboardAccessOptions settings)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(header["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}");
        return CryptographicOperations.FixedTimeEquals(decoded, expected);
    }
}
