using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Health;

/// <summary>When the mirror stops being trustworthy (section <c>Health</c>).</summary>
public sealed class SyncHealthOptions
{
    public const string Section = "Health";

    /// <summary>The last successful incremental reconcile may be this old before readiness reports Degraded.</summary>
    public TimeSpan MaxReconcileAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A webhook delivery may wait this long to be applied before the sync status flags it.</summary>
    public TimeSpan MaxPendingDeliveryAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sync-lag gauge re-reads the database (scrapes read the cached value).</summary>
    public TimeSpan LagRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An account's incremental run not started this long after it was due is reported late, with why.</summary>
    public TimeSpan MaxStartDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The read replica (<c>ConnectionStrings:PostgresReadOnly</c>) may replay this far behind the primary before the
    /// sync status says reads are stale.
    /// </summary>
    public TimeSpan MaxReplicaLag { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class SyncHealthOptionsValidator : IValidateOptions<SyncHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncHealthOptions options)
    {
        var failures = new List<string>();
        if (options.MaxReconcileAge <= TimeSpan.Zero)
        {
            failures.Add("Health:MaxReconcileAge must be a positive time span such as 00:30:00.");
        }
        if (options.MaxPendingDeliveryAge <= TimeSpan.Zero)
        {
            failures.Add("Health:MaxPendingDeliveryAge must be a positive time span such as 00:05:00.");
        }
        if (options.MaxStartDelay <= TimeSpan.Zero)
        {
            failures.Add("Health:MaxStartDelay must be a positive time span such as 00:01:00.");
        }
        if (options.MaxReplicaLag <= TimeSpan.Zero)
        {
            failures.Add("Health:MaxReplicaLag must be a positive time span such as 00:00:30.");
        }
        if (options.LagRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Health:LagRefreshInterval must be at least 00:00:01.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
