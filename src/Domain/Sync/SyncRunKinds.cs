namespace Qtickets.Sync.Domain.Sync;

public static class SyncRunKinds
{
    public const string Incremental = "incremental";
    public const string FullSweep = "full_sweep";
    public const string Backfill = "backfill";
    public const string Catalog = "catalog";
}
