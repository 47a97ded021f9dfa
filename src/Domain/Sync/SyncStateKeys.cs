namespace Qtickets.Sync.Domain.Sync;

/// <summary>Names of the rows in <c>sync_state</c>.</summary>
public static class SyncStateKeys
{
    /// <summary>The incremental reconcile's <c>updated_at</c> watermark.</summary>
    public const string OrdersWatermark = "orders.incremental.watermark";

    /// <summary>
    /// An account's first sync, which loads its whole history before incremental runs take over: the last committed
    /// page of the listing being walked, the pages done and estimated, and whether it is done.
    /// </summary>
    public const string InitialLoad = "initial_load";

    /// <summary>A backfill's last committed page; one row per backfill run.</summary>
    public static string BackfillCheckpoint(long runId) => $"orders.backfill.{runId}";
}
