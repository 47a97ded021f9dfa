namespace Qtickets.Sync.Domain.Sync;

/// <summary>
/// A named watermark or checkpoint, e.g. the incremental reconcile's <c>updated_at</c> watermark or the last
/// committed page of a backfill. Moved only after the data it stands for has committed.
/// </summary>
public sealed class SyncState
{
    /// <summary>The account the row belongs to (<c>accounts.id</c>); ids below are unique only within it.</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

    public string Key { get; set; } = "";
    public DateTimeOffset? Watermark { get; set; }
    public int? Page { get; set; }

    /// <summary>Free-form JSON for whatever else a job needs to resume.</summary>
    public string? Checkpoint { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
