namespace Qtickets.Sync.Domain.Sync;

/// <summary>Names of the rows in <c>sync_state</c>.</summary>
public static class SyncStateKeys
{
    /// <summary>The incremental reconcile's <c>updated_at</c> watermark.</summary>
    public const string OrdersWatermark = "orders.incremental.watermark";

    /// <summary>A backfill's last committed page; one row per backfill run.</summary>
    public static string BackfillCheckpoint(long runId) => $"orders.backfill.{runId}";
}
