using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>Rejects Ticketscloud settings the client cannot work with, naming the setting.</summary>
public sealed class TicketscloudOptionsValidator : IValidateOptions<TicketscloudOptions>
{
    private const string Section = TicketscloudOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TicketscloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PageSize is < 1 or > 200)
        {
            failures.Add($"{Section}:PageSize must be between 1 and 200 (the documented page_size range)");
        }
        if (options.RequestsPerSecond < 0)
        {
            failures.Add($"{Section}:RequestsPerSecond must not be negative");
        }
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.TotalTimeout < options.AttemptTimeout
            || options.TotalTimeout > TimeSpan.FromHours(24))
        {
            failures.Add($"{Section}:AttemptTimeout must be at least 10 ms and TotalTimeout between it and 24 h");
        }
        if (options.MaxRetries < 0 || options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:MaxRetries and RetryBaseDelay must not be negative");
        }
        if (options.RecentDays < 1 || options.FullSweepHorizonDays < options.RecentDays)
        {
            failures.Add($"{Section}:RecentDays must be at least 1 and FullSweepHorizonDays at least RecentDays");
        }
        if (options.InitialHorizonDays is < 0 or > 3660)
        {
            failures.Add($"{Section}:InitialHorizonDays must be between 0 (everything Ticketscloud serves) and 3660");
        }
        foreach (var (account, zone) in options.AccountTimeZones)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                failures.Add($"The TimeZone of Ticketscloud account '{account}' ('{zone}') is not a known IANA zone");
            }
        }
        if (string.IsNullOrWhiteSpace(options.IncrementalCron) || string.IsNullOrWhiteSpace(options.FullSweepCron))
        {
            failures.Add($"{Section}:IncrementalCron and {Section}:FullSweepCron must be cron expressions");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
