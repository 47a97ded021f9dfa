namespace Qtickets.Sync.Api.Health;

/// <summary>
/// Whether one account's reconcile keeps its mirror trustworthy: the reasons it does not (first sync still
/// loading, no or no recent successful incremental run, the latest one failed). Readiness and the sync status
/// judge each account by this one rule.
/// </summary>
public static class ReconcileVerdict
{
    /// <param name="loading">The first sync's progress while it is loading history; null once it is done.</param>
    public static IReadOnlyList<string> Judge(
        DateTimeOffset now, TimeSpan maxAge, DateTimeOffset? lastSucceeded, string? lastStatus, string? lastError, string? loading)
    {
        var reasons = new List<string>();
        if (loading is not null)
        {
            reasons.Add($"First sync is {loading}.");
        }
        else if (lastSucceeded is not { } succeeded)
        {
            reasons.Add("No incremental reconcile has succeeded yet.");
        }
        else if (now - succeeded > maxAge)
        {
            reasons.Add($"The last successful incremental reconcile finished {Age(now - succeeded)} ago (limit {Age(maxAge)}).");
        }
        if (lastStatus == Domain.Sync.SyncRunStatuses.Failed)
        {
            reasons.Add($"The most recent incremental reconcile failed: {lastError}");
        }
        return reasons;
    }

    /// <summary>A duration as operators read it: <c>hh:mm:ss</c>, with days when it is that long.</summary>
    public static string Age(TimeSpan age) =>
        age.ToString(age.TotalDays >= 1 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
}
