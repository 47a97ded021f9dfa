using Npgsql;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Alerts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// Judges the alert rules against the sync status (the same facts <c>/api/v1/sync/status</c> shows) and the
/// outcome of the most recent run. The dashboard shows the same judgement, so page and messages agree.
/// </summary>
public sealed class AlertFacts(SyncStatusReader status, NpgsqlDataSource dataSource, SalesDriftSource drift)
{
    public async Task<IReadOnlyList<AlertCondition>> JudgeAsync(IReadOnlyList<AlertRuleOptions> rules, CancellationToken cancellationToken) =>
        await JudgeAsync(rules, await status.ReadAsync(cancellationToken), cancellationToken);

    /// <summary>Judges against sync facts the caller already read.</summary>
    public async Task<IReadOnlyList<AlertCondition>> JudgeAsync(
        IReadOnlyList<AlertRuleOptions> rules, SyncStatusDto facts, CancellationToken cancellationToken)
    {
        var lastError = await LastRunErrorAsync(cancellationToken);
        var driftRows = await drift.DriftRowsAsync(cancellationToken);
        var conditions = new List<AlertCondition>(rules.Count);
        foreach (var rule in rules)
        {
            var (active, detail) = rule.Kind switch
            {
                AlertRuleKinds.WebhookLag => facts.Webhooks.LagSeconds is { } lag
                    ? (lag > rule.MaxAge!.Value.TotalSeconds, $"Last webhook applied {Age(lag)} ago (limit {rule.MaxAge:c}).")
                    : (false, "No webhook applied yet."),
                AlertRuleKinds.ReconcileStale => facts.Reconcile.LastSucceeded.TryGetValue(SyncRunKinds.Incremental, out var last)
                    ? (facts.Now - last > rule.MaxAge!.Value, $"Last successful incremental reconcile {Age((facts.Now - last).TotalSeconds)} ago (limit {rule.MaxAge:c}).")
                    : (true, "No incremental reconcile has succeeded yet."),
                AlertRuleKinds.FailedDeliveries => (facts.Webhooks.Failed > rule.MaxCount!.Value,
                    $"{facts.Webhooks.Failed} webhook deliveries failed to apply (limit {rule.MaxCount})."),
                AlertRuleKinds.TokenRejected => lastError?.EndsWith(SyncRunner.TokenRejectedNote, StringComparison.Ordinal) == true
                    ? (true, lastError)
                    : (false, "QTickets accepts the token."),
                AlertRuleKinds.SalesDrift => driftRows is { } days
                    ? (days > rule.MaxCount!.Value, $"The last drift check found {days} daily sales row(s) differing from the orders (limit {rule.MaxCount}).")
                    : (false, "Daily-sales drift not measured yet."),
                _ => (false, ""),
            };
            conditions.Add(new AlertCondition(AlertOptions.DefaultAccount, rule.Kind, active, detail));
        }
        return conditions;
    }

    /// <summary>The error of the most recent finished run, or null when it succeeded.</summary>
    private async Task<string?> LastRunErrorAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT error FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1");
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static string Age(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
