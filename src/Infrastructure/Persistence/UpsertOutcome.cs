namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// What an upsert decided for one incoming order (ADR 0018): applied (<see cref="Inserted"/> or
/// <see cref="Updated"/>), <see cref="Stale"/>, <see cref="Duplicate"/> or <see cref="Quarantined"/>. The
/// statement decides it, per input row; <c>OrderVersion</c> is the rule it implements.
/// </summary>
public enum UpsertOutcome
{
    /// <summary>Applied: the order was new to the mirror.</summary>
    Inserted,
    /// <summary>Applied: the mirror held an older version, or the same version of another payload, and now holds this one.</summary>
    Updated,
    /// <summary>
    /// The very same payload is what the mirror holds, or what the same batch writes from an earlier row; nothing
    /// to write. Stored before ADR 0018 as <c>unchanged</c>, renamed by migration <c>DuplicateOutcome</c>.
    /// </summary>
    Duplicate,
    /// <summary>The mirror, or another row of the same batch, holds a newer version; the payload was left alone.</summary>
    Stale,
    /// <summary>Stamped beyond the horizon the caller passed (<c>FutureStamp</c>): not written, not weighed against the others.</summary>
    Quarantined,
}

/// <param name="BusinessChanged">
/// The order is new, or its business content (<see cref="BusinessContent"/>) differs from what the mirror held:
/// an <see cref="UpsertOutcome.Updated"/> without it only refreshed the stored payload.
/// </param>
public readonly record struct OrderUpsertOutcome(long OrderId, UpsertOutcome Outcome, bool BusinessChanged);

public sealed record UpsertResult(IReadOnlyList<OrderUpsertOutcome> Orders)
{
    public int Inserted => Count(UpsertOutcome.Inserted);
    public int Updated => Count(UpsertOutcome.Updated);
    public int Duplicate => Count(UpsertOutcome.Duplicate);
    public int Stale => Count(UpsertOutcome.Stale);
    public int Quarantined => Count(UpsertOutcome.Quarantined);

    /// <summary>Orders rewritten whose business content had not changed (their payload differed only elsewhere).</summary>
    public int Refreshed => Orders.Count(o => o.Outcome == UpsertOutcome.Updated && !o.BusinessChanged);

    private int Count(UpsertOutcome outcome) => Orders.Count(o => o.Outcome == outcome);
}
