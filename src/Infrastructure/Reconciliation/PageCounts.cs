using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>What one committed page did to the mirror, added to its run's row.</summary>
public readonly record struct PageCounts(int Seen, int Inserted, int Updated, int Unchanged, int MarkedMissing)
{
    /// <summary>
    /// Orders set aside in the delivery inbox instead of written: quarantined, refused by the database, or rows
    /// that cannot be read. The inbox rows are their record; the count is for the run's log.
    /// </summary>
    public int SetAside { get; init; }

    /// <summary>
    /// Of the <see cref="Updated"/> rows, those whose business content (<see cref="BusinessContent"/>) was already
    /// right: only the stored payload changed (a webhook-only key, formatting), which no webhook loss explains.
    /// </summary>
    public int Refreshed { get; init; }

    /// <summary>
    /// The page loads history (an account's first sync, a backfill): orders it inserts were never expected from
    /// webhooks, so they are loaded, not healed. Only a business change to an order already mirrored is a gap there.
    /// </summary>
    public bool LoadsHistory { get; init; }

    /// <summary>Orders the mirror lacked or held with different business content: what the webhooks had missed.</summary>
    public int GapsHealed => (LoadsHistory ? 0 : Inserted) + Updated - Refreshed;

    public static readonly PageCounts None = new(0, 0, 0, 0, 0);

    /// <summary>Two parts of one page (the groups of a page the database refused in part) as one.</summary>
    public PageCounts Add(PageCounts other) =>
        new(Seen + other.Seen, Inserted + other.Inserted, Updated + other.Updated, Unchanged + other.Unchanged, MarkedMissing + other.MarkedMissing)
        {
            SetAside = SetAside + other.SetAside,
            Refreshed = Refreshed + other.Refreshed,
            LoadsHistory = LoadsHistory || other.LoadsHistory,
        };

    /// <summary>
    /// Duplicate and stale payloads count as unchanged: the mirror was right. Quarantined ones were not seen by the
    /// mirror: the frame sets them aside and counts them there.
    /// </summary>
    public static PageCounts From(UpsertResult result) =>
        new(result.Orders.Count - result.Quarantined, result.Inserted, result.Updated, result.Duplicate + result.Stale, 0) { Refreshed = result.Refreshed };
}
