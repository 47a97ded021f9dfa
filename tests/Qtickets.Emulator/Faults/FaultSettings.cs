namespace Qtickets.Emulator.Faults;

/// <summary>
/// Fault injection knobs: bound from <c>Emulator:Faults</c> at start, replaced at run time through
/// <c>PUT /emulator/faults</c>. Percentages are 0..100. Settable rather than init-only because the JSON
/// source generator fills init-only properties left out of a request with zero instead of their defaults.
/// </summary>
public sealed record FaultSettings
{
    public double WebhookDropPercent { get; set; }
    public double WebhookDuplicatePercent { get; set; }
    public double WebhookReorderPercent { get; set; }
    public int WebhookDelayMs { get; set; }
    public double Api429Percent { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    public double Api500Percent { get; set; }
    public double Api503Percent { get; set; }
    public double SlowPercent { get; set; }
    public int SlowDelayMs { get; set; } = 2_000;
    public double ShiftingPagesPercent { get; set; }

    public IEnumerable<string> Validate()
    {
        double[] percents =
        [
            WebhookDropPercent, WebhookDuplicatePercent, WebhookReorderPercent, Api429Percent, Api500Percent,
            Api503Percent, SlowPercent, ShiftingPagesPercent,
        ];
        if (percents.Any(p => p is < 0 or > 100))
        {
            yield return "every percentage must be within [0, 100].";
        }

        if (Api429Percent + Api500Percent + Api503Percent > 100)
        {
            yield return "Api429Percent + Api500Percent + Api503Percent must not exceed 100.";
        }

        if (WebhookDelayMs < 0 || SlowDelayMs < 0 || RetryAfterSeconds < 0)
        {
            yield return "delays must not be negative.";
        }
    }
}
