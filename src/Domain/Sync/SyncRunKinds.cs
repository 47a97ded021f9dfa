namespace Qtickets.Sync.Domain.Sync;

public static class SyncRunKinds
{
    public const string Incremental = "incremental";
    public const string FullSweep = "full_sweep";
    public const string Backfill = "backfill";
    public const string Catalog = "catalog";

    /// <summary>The daily sales table compared with a full recompute, differing rows repaired.</summary>
    public const string SalesDrift = "sales_drift";

    /// <summary>The daily sales table rebuilt for a changed <c>Sales:TimeZone</c>.</summary>
    public const string SalesRebuild = "sales_rebuild";

    /// <summary>An account's mirror compared with the platform's listing, without writing (docs/reconcile.md#audit).</summary>
    public const string Audit = "audit";

    public static readonly IReadOnlyList<string> All = [Incremental, FullSweep, Backfill, Catalog, SalesDrift, SalesRebuild, Audit];
}
