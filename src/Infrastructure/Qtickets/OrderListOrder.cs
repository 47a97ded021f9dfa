namespace Qtickets.Sync.Infrastructure.Qtickets;

public enum OrderListOrder
{
    /// <summary><c>id</c> ascending: stable for full backfills.</summary>
    Id,

    /// <summary><c>updated_at</c> ascending: for incremental syncs from a watermark.</summary>
    UpdatedAt,
}
