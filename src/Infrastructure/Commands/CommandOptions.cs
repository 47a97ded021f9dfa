using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>Settings of the order command path, bound from the <c>Commands</c> configuration section.</summary>
public sealed class CommandOptions
{
    public const string SectionName = "Commands";

    /// <summary>How long one write call may take before its answer counts as lost (and the order is read back).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Calls per command at most. A call whose answer was lost is sent again only after the order, read back,
    /// shows it did not happen.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Ticketscloud's 409 (another change still in progress): sent again this often at most, with back-off.</summary>
    public int BusyRetries { get; set; } = 8;

    /// <summary>First wait after a 409; doubles each time, with jitter.</summary>
    public TimeSpan BusyRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a request waits for the order's lock (another command of the same order running) before giving up with 503.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

internal sealed class CommandOptionsValidator : IValidateOptions<CommandOptions>
{
    public ValidateOptionsResult Validate(string? name, CommandOptions options)
    {
        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Commands:AttemptTimeout must be positive.");
        }
        if (options.MaxAttempts is < 1 or > 10)
        {
            return ValidateOptionsResult.Fail("Commands:MaxAttempts must be between 1 and 10.");
        }
        if (options.BusyRetries is < 0 or > 100)
        {
            return ValidateOptionsResult.Fail("Commands:BusyRetries must be between 0 and 100.");
        }
        if (options.BusyRetryBaseDelay < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Commands:BusyRetryBaseDelay must not be negative.");
        }
        return options.LockTimeout <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail("Commands:LockTimeout must be positive.")
            : ValidateOptionsResult.Success;
    }
}
