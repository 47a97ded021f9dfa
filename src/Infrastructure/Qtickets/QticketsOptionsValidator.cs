using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Rejects settings the client cannot work with, naming the setting as it is spelled in configuration so the
/// failed start tells the operator exactly what to fix.
/// </summary>
public sealed class QticketsOptionsValidator : IValidateOptions<QticketsOptions>
{
    private const string Section = QticketsOptions.SectionName;

    // Polly refuses timeouts outside this range; checking here gives a message that names the setting.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    public ValidateOptionsResult Validate(string? name, QticketsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        // The token travels in every request: plain http is only acceptable to this very machine (the emulator).
        if (AccountsOptionsValidator.BaseUrlProblem(options.BaseUrl) is { } problem)
        {
            failures.Add($"{Section}:BaseUrl {problem}, got '{options.BaseUrl}'");
        }
        if (options.MaxFutureSkew <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:MaxFutureSkew must be positive");
        }
        if (options.TokenRequired && string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add($"{Section}:Token is required (the API token from the QTickets cabinet)");
        }
        if (options.PageSize is < 1 or > 200)
        {
            failures.Add($"{Section}:PageSize must be between 1 and 200");
        }
        if (options.RequestsPerSecond < 0)
        {
            failures.Add($"{Section}:RequestsPerSecond must be 0 (unlimited) or more");
        }
        if (options.MaxRetries is < 0 or > 20)
        {
            failures.Add($"{Section}:MaxRetries must be between 0 and 20");
        }
        if (options.AttemptTimeout < MinTimeout || options.AttemptTimeout > MaxTimeout)
        {
            failures.Add($"{Section}:AttemptTimeout must be between 10 ms and 24 h");
        }
        if (options.TotalTimeout < MinTimeout || options.TotalTimeout > MaxTimeout)
        {
            failures.Add($"{Section}:TotalTimeout must be between 10 ms and 24 h");
        }
        else if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add($"{Section}:TotalTimeout must not be shorter than {Section}:AttemptTimeout");
        }
        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryBaseDelay > MaxTimeout)
        {
            failures.Add($"{Section}:RetryBaseDelay must be positive and at most 24 h");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
