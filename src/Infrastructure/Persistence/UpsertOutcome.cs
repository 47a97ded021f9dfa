namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>What an upsert did with one incoming order.</summary>
public enum UpsertOutcome
{
    /// <summary>The order was new to the mirror.</summary>
    Inserted,
    /// <summary>The mirror held an older or different version and now holds this one.</summary>
    Updated,
    /// <summary>The mirror already held exactly this version.</summary>
    Unchanged,
    /// <summary>The mirror holds a newer version; the payload was left alone.</summary>
    Stale,
}

/// <param name="BusinessChanged">
/// The order is new, or its business content (<see cref="BusinessContent"/>) differs from what the mirror held:
/// an <see cref="UpsertOutcome.Updated"/> without it only refreshed the stored payload.
/// </param>
public readonly record struct OrderUpsertOutcome(long OrderId, UpsertOutcome Outcome, bool BusinessChanged);

public sealed record UpsertResult(IReadOnlyList<OrderUpsertOutcome> Orders)
{
    public int Inserted => Orders.Count(o => o.Outcome == UpsertOutcome.Inserted);
    public int Updated => Orders.Count(o => o.Outcome == UpsertOutcome.Updated);
    public int Unchanged => Orders.Count(o => o.Outcome == UpsertOutcome.Unchanged);
    public int Stale => Orders.Count(o => o.Outcome == UpsertOutcome.Stale);

    /// <summary>Orders rewritten whose business content had not changed (their payload differed only elsewhere).</summary>
    public int Refreshed => Orders.Count(o => o.Outcome == UpsertOutcome.Updated && !o.BusinessChanged);
}
