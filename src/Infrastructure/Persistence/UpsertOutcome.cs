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

public readonly record struct OrderUpsertOutcome(long OrderId, UpsertOutcome Outcome);

public sealed record UpsertResult(IReadOnlyList<OrderUpsertOutcome> Orders)
{
    public int Inserted => Orders.Count(o => o.Outcome == UpsertOutcome.Inserted);
    public int Updated => Orders.Count(o => o.Outcome == UpsertOutcome.Updated);
    public int Unchanged => Orders.Count(o => o.Outcome == UpsertOutcome.Unchanged);
    public int Stale => Orders.Count(o => o.Outcome == UpsertOutcome.Stale);
}
