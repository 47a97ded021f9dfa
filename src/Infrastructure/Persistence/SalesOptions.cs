using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>How sales are bucketed into days, and how the maintained daily sales table is kept.</summary>
public sealed class SalesOptions
{
    public const string Section = "Sales";

    /// <summary>IANA time zone whose local calendar day a sale belongs to. Changing it rebuilds the table once.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>How often queued changes are folded into the <c>daily_sales</c> table.</summary>
    public TimeSpan FoldInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most of its time the folder may spend folding. A fold recomputes whole keys, so under a sustained write
    /// load a fold every <see cref="FoldInterval"/> would compete with the writes themselves; after a fold that took
    /// T the next waits at least T × (1 / share − 1), which makes each fold cover more changes for the same work.
    /// </summary>
    public double FoldShare { get; set; } = 0.1;

    /// <summary>Fold in the background; tests switch it off and fold when they choose.</summary>
    public bool FoldInBackground { get; set; } = true;

    /// <summary>Cron (in <c>TimeZone</c>) of the nightly drift check of the table against a full recompute.</summary>
    public string DriftCron { get; set; } = "30 3 * * *";

    /// <summary>
    /// About how many sales one chunk of the drift check covers (whole days, so a busy day may make it larger): the
    /// longest the check holds the table's lock, and so the longest a fold waits for it.
    /// </summary>
    public int DriftChunkOrders { get; set; } = 1_000;
}

internal sealed class SalesOptionsValidator : IValidateOptions<SalesOptions>
{
    public ValidateOptionsResult Validate(string? name, SalesOptions options)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone) || !zone.HasIanaId)
        {
            return ValidateOptionsResult.Fail($"Sales:TimeZone '{options.TimeZone}' is not a known time zone (use an IANA id such as Europe/Moscow).");
        }
        if (options.FoldInterval <= TimeSpan.Zero || options.FoldInterval > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail($"Sales:FoldInterval '{options.FoldInterval}' must be between 00:00:00.001 and 00:10:00.");
        }
        if (!(options.FoldShare > 0 && options.FoldShare <= 1))
        {
            return ValidateOptionsResult.Fail($"Sales:FoldShare '{options.FoldShare}' must be above 0 and at most 1.");
        }
        if (options.DriftChunkOrders < 1)
        {
            return ValidateOptionsResult.Fail($"Sales:DriftChunkOrders '{options.DriftChunkOrders}' must be at least 1.");
        }
        return string.IsNullOrWhiteSpace(options.DriftCron)
            ? ValidateOptionsResult.Fail("Sales:DriftCron must be a cron expression such as '30 3 * * *'.")
            : ValidateOptionsResult.Success;
    }
}
