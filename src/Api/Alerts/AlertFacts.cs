using Npgsql;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Alerts;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// Judges the alert rules against the sync status (the same facts <c>/api/v1/sync/status</c> shows) and the
/// outcome of the most recent run. The dashboard shows the same judgement, so page and messages agree. The rules
/// about an account's own sync (<c>reconcile_stale</c>, <c>token_rejected</c>) are judged for each enabled account;
/// the others for the deployment (named <c>default</c> with one account, <c>all</c> with several).
/// </summary>
public sealed class AlertFacts(SyncStatusReader status, NpgsqlDataSource dataSource, SalesDriftSource drift)
{
    public async Task<IReadOnlyList<AlertCondition>> JudgeAsync(IReadOnlyList<AlertRuleOptions> rules, CancellationToken cancellationToken) =>
        await JudgeAsync(rules, await status.ReadAsync(cancellationToken), cancellationToken);

    /// <summary>Judges against sync facts the caller already read.</summary>
    public async Task<IReadOnlyList<AlertCondition>> JudgeAsync(
        IReadOnlyList<AlertRuleOptions> rules, SyncStatusDto facts, CancellationToken cancellationToken)
    {
        var lastErrors = await LastRunErrorsAsync(cancellationToken);
        var driftRows = await drift.DriftRowsAsync(cancellationToken);
        var deployment = facts.Accounts.Count > 1 ? AllAccounts : AlertOptions.DefaultAccount;
        var conditions = new List<AlertCondition>(rules.Count);
        foreach (var rule in rules)
        {
            if (rule.Kind is AlertRuleKinds.ReconcileStale or AlertRuleKinds.TokenRejected)
            {
                foreach (var account in facts.Accounts.Where(a => a.Enabled))
                {
                    var (accountActive, accountDetail) = JudgeAccount(rule, facts.Now, account, lastErrors.GetValueOrDefault(account.Account));
                    conditions.Add(new AlertCondition(account.Account, rule, accountActive, accountDetail));
                }
                continue;
            }
            var (active, detail) = rule.Kind switch
            {
                AlertRuleKinds.WebhookLag => facts.Webhooks.LagSeconds is { } lag
                    ? (lag > rule.MaxAge!.Value.TotalSeconds, $"Last webhook applied {Age(lag)} ago (limit {rule.MaxAge:c}).")
                    : (false, "No webhook applied yet."),
                AlertRuleKinds.FailedDeliveries => (facts.Webhooks.Failed > rule.MaxCount!.Value,
                    $"{facts.Webhooks.Failed} webhook deliveries failed to apply (limit {rule.MaxCount})."),
                AlertRuleKinds.SalesDrift => driftRows is { } days
                    ? (days > rule.MaxCount!.Value, $"The last drift check found {days} daily sales row(s) differing from the orders (limit {rule.MaxCount}).")
                    : (false, "Daily-sales drift not measured yet."),
                _ => (false, ""),
            };
            conditions.Add(new AlertCondition(deployment, rule, active, detail));
        }
        return conditions;
    }

    /// <summary>The name deployment-wide alerts carry when several accounts are configured.</summary>
    public const string AllAccounts = "all";

    private static (bool Active, string Detail) JudgeAccount(AlertRuleOptions rule, DateTimeOffset now, AccountSyncStatusDto account, string? lastError) =>
        rule.Kind switch
        {
            AlertRuleKinds.ReconcileStale => account.LastIncrementalSucceededAt is { } last
                ? (now - last > rule.MaxAge!.Value, $"Last successful incremental reconcile {Age((now - last).TotalSeconds)} ago (limit {rule.MaxAge:c}).")
                : NeverSucceeded(rule, now, account.AddedAt),
            _ => lastError?.EndsWith(SyncRunner.TokenRejectedNote, StringComparison.Ordinal) == true
                ? (true, lastError)
                : (false, "QTickets accepts the token."),
        };

    /// <summary>
    /// An account without a successful run yet is stale only once it has existed longer than the limit: a deployment
    /// that just added a thousand accounts would otherwise fire (and a minute later resolve) one alert per account.
    /// </summary>
    private static (bool Active, string Detail) NeverSucceeded(AlertRuleOptions rule, DateTimeOffset now, DateTimeOffset? addedAt) =>
        addedAt is { } added && now - added <= rule.MaxAge!.Value
            ? (false, $"No incremental reconcile has succeeded yet; the account was added {Age((now - added).TotalSeconds)} ago (limit {rule.MaxAge:c}).")
            : (true, addedAt is { } since
                ? $"No incremental reconcile has succeeded in the {Age((now - since).TotalSeconds)} since the account was added (limit {rule.MaxAge:c})."
                : "No incremental reconcile has succeeded yet.");

    /// <summary>Each account's most recent finished run's error (null when it succeeded), by account name.</summary>
    private async Task<Dictionary<string, string?>> LastRunErrorsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.name, (SELECT r.error FROM sync_runs r WHERE r.account_id = a.id AND r.finished_at IS NOT NULL
                            ORDER BY r.finished_at DESC, r.id DESC LIMIT 1)
            FROM accounts a WHERE a.enabled
            """);
        var errors = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
        return errors;
    }

    private static string Age(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
