namespace Qtickets.Sync.Domain.Orders;

/// <summary>
/// Decides which of two payloads of one order is newer.
/// </summary>
/// <remarks>
/// QTickets stamps <c>updated_at</c> with one-second resolution, so two changes in the same second carry the
/// same stamp (an update and the refund right after it, say). A strict "newer only" guard would drop the
/// second one. Within one second we therefore compare <see cref="Progress"/>, a count of one-way state
/// transitions (paid, cancelled, tickets refunded, scanned, removed) that can only grow as an order lives on.
/// The tie rule: an incoming payload wins when its (updated_at, progress) is greater than or equal to the
/// stored one. Equal versions re-apply harmlessly (the row ends the same), a later-in-the-same-second change
/// has more progress and wins, and a stale same-second payload with less progress loses.
/// </remarks>
public readonly record struct OrderVersion(DateTimeOffset UpdatedAt, int Progress) : IComparable<OrderVersion>
{
    public int CompareTo(OrderVersion other)
    {
        var byTime = UpdatedAt.UtcTicks.CompareTo(other.UpdatedAt.UtcTicks);
        return byTime != 0 ? byTime : Progress.CompareTo(other.Progress);
    }

    /// <summary>True when a payload with this version may overwrite a row stored at <paramref name="stored"/>.</summary>
    public bool Supersedes(OrderVersion stored) => CompareTo(stored) >= 0;

    public static bool operator <(OrderVersion left, OrderVersion right) => left.CompareTo(right) < 0;
    public static bool operator >(OrderVersion left, OrderVersion right) => left.CompareTo(right) > 0;
    public static bool operator <=(OrderVersion left, OrderVersion right) => left.CompareTo(right) <= 0;
    public static bool operator >=(OrderVersion left, OrderVersion right) => left.CompareTo(right) >= 0;
}
