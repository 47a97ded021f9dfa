namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>The audit's schedule and how it tells a row changing under it from a difference; <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>When every account's audit runs (in <c>Reconcile:TimeZone</c>); weekly by default, Sunday 04:00.</summary>
    public string Cron { get; set; } = "0 4 * * 0";

    /// <summary>
    /// How far before the audit's start an upstream change still counts as in flight: the platform's clock and
    /// ours are not the same, and a webhook takes a moment to arrive.
    /// </summary>
    public TimeSpan InFlightMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long each comparison statement may take. It reads every audited order and ticket on both sides at once,
    /// so Npgsql's default of 30 s cut a 100k-order audit on a loaded machine (docs/benchmarks-issue28-29.md).
    /// </summary>
    public TimeSpan CompareTimeout { get; set; } = TimeSpan.FromMinutes(15);
}
