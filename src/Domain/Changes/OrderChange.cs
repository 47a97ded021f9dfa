namespace Qtickets.Sync.Domain.Changes;

/// <summary>
/// One change of an order's business content as the mirror learned it (issue 27): written in the same statement
/// as the write that made it, never for a duplicate, a stale copy or a rewrite that changed nothing a report reads.
/// </summary>
/// <remarks>
/// Personal data lives in <see cref="Changes"/>, in the before/after values of the customer fields, and in the
/// order the change left (<see cref="OrderChangeState"/>); erasure scrubs both.
/// </remarks>
public sealed class OrderChange
{
    /// <summary>Taken when the row is written, after the order's row lock: two changes of one order are numbered in the order they happened.</summary>
    public long Position { get; set; }

    /// <summary>The change's place in the feed, given once its transaction has committed (ADR 0016); null until then.</summary>
    public long? FeedPosition { get; set; }

    public int AccountId { get; set; }

    /// <summary><c>qtickets</c> or <c>ticketscloud</c>.</summary>
    public string Platform { get; set; } = "";

    /// <summary>The platform's order id, as text (QTickets numbers, Ticketscloud hex ids).</summary>
    public string OrderId { get; set; } = "";

    /// <summary>What happened (<see cref="OrderChangeTypes"/>), the most telling first.</summary>
    public string[] Types { get; set; } = [];

    /// <summary>The new version's stamp: QTickets' <c>updated_at</c>, Ticketscloud's observation time.</summary>
    public DateTimeOffset? VersionAt { get; set; }

    /// <summary>Which path wrote it (<see cref="ChangeSources"/>).</summary>
    public string Source { get; set; } = "";

    /// <summary>The webhook delivery, sync run or order command id behind it.</summary>
    public string? SourceId { get; set; }

    public DateTimeOffset LearnedAt { get; set; }

    /// <summary>JSON: <c>fields</c> (business field → before/after) and <c>tickets</c> (added, refunded, scanned, deleted ids).</summary>
    public string Changes { get; set; } = "{}";
}
