using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Changes;

/// <summary>Order history and the change feed: <c>Changes</c>.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "Changes";

    /// <summary>How long history and feed keep a change; the default covers a year's accounting close.</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>When the retention job runs (cron, in <c>Reconcile:TimeZone</c>).</summary>
    public string RetentionCron { get; set; } = "45 4 * * *";

    /// <summary>At most this many changes are numbered for the feed per read (ADR 0016).</summary>
    public int SequenceBatch { get; set; } = 10_000;

    /// <summary>Orders per transaction of the baseline that gives orders older than history their first entry.</summary>
    public int BaselineBatch { get; set; } = 5_000;
}

internal sealed class ChangeFeedOptionsValidator : IValidateOptions<ChangeFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeFeedOptions options)
    {
        var failures = new List<string>();
        if (options.RetentionDays < 1)
        {
            failures.Add($"{ChangeFeedOptions.Section}:RetentionDays must be at least 1 (days a change is kept), not {options.RetentionDays}");
        }
        if (string.IsNullOrWhiteSpace(options.RetentionCron))
        {
            failures.Add($"{ChangeFeedOptions.Section}:RetentionCron is required");
        }
        if (options.SequenceBatch < 1 || options.BaselineBatch < 1)
        {
            failures.Add($"{ChangeFeedOptions.Section}:SequenceBatch and BaselineBatch must each be at least 1");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
