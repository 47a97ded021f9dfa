using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>Who may open the Hangfire dashboard (<c>Dashboard</c> section), besides admin and read API keys.</summary>
public sealed class DashboardAccessOptions
{
    public const string Section = "Dashboard";

    /// <summary>HTTP Basic user name; Basic login is off while this or the password is empty.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Forces the dashboard read-only for everyone (no trigger, retry or delete buttons).</summary>
    public bool ReadOnly { get; set; }

    public bool BasicEnabled => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}

public sealed class DashboardAccessOptionsValidator : IValidateOptions<DashboardAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options)
    {
        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            return ValidateOptionsResult.Fail("Dashboard:Username and Dashboard:Password must be set together.");
        }
        if (options.BasicEnabled && options.Password!.Length < 12)
        {
            return ValidateOptionsResult.Fail("Dashboard:Password must be at least 12 characters.");
        }
        if (options.Username?.Contains(':') == true)
        {
            return ValidateOptionsResult.Fail("Dashboard:Username must not contain ':'.");
        }
        return ValidateOptionsResult.Success;
    }
}
