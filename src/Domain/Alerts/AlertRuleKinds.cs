namespace Qtickets.Sync.Domain.Alerts;

/// <summary>What an alert rule watches (<c>Alerts:Rules:n:Kind</c>).</summary>
public static class AlertRuleKinds
{
    /// <summary>Time since the last webhook was applied exceeds <c>MaxAge</c>.</summary>
    public const string WebhookLag = "webhook_lag";

    /// <summary>No incremental reconcile succeeded within <c>MaxAge</c>.</summary>
    public const string ReconcileStale = "reconcile_stale";

    /// <summary>More than <c>MaxCount</c> webhook deliveries failed to apply.</summary>
    public const string FailedDeliveries = "failed_deliveries";

    /// <summary>QTickets answered 401/403 to the most recent run.</summary>
    public const string TokenRejected = "token_rejected";

    /// <summary>The latest drift check found more than <c>MaxCount</c> daily sales rows differing from the orders.</summary>
    public const string SalesDrift = "sales_drift";

    public static readonly IReadOnlyList<string> All = [WebhookLag, ReconcileStale, FailedDeliveries, TokenRejected, SalesDrift];
}
