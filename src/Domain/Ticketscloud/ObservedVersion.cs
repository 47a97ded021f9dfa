namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>
/// Which of two observations of a Ticketscloud object is newer, without an upstream <c>updated_at</c>
/// (ADR 0009): first by <see cref="Rank"/>, the place of its status in the object's one-way life, then by
/// <see cref="ObservedAt"/>, when the listing that served it answered.
/// </summary>
/// <remarks>
/// The rank makes the rule safe against a slow run: a page read before an order was paid, committed after a
/// page that saw it paid, has a lower rank and loses, whatever the commit order. Within one status (customer
/// data, vendor data, barcodes change without a status change) the later observation wins; ties re-apply, as
/// in ADR 0002, so replaying the same observation rewrites nothing new.
/// </remarks>
public readonly record struct ObservedVersion(int Rank, DateTimeOffset ObservedAt) : IComparable<ObservedVersion>
{
    public int CompareTo(ObservedVersion other)
    {
        var byRank = Rank.CompareTo(other.Rank);
        return byRank != 0 ? byRank : ObservedAt.UtcTicks.CompareTo(other.ObservedAt.UtcTicks);
    }

    /// <summary>True when an observation with this version may overwrite one stored at <paramref name="stored"/>.</summary>
    public bool Supersedes(ObservedVersion stored) => CompareTo(stored) >= 0;

    public static bool operator <(ObservedVersion left, ObservedVersion right) => left.CompareTo(right) < 0;
    public static bool operator >(ObservedVersion left, ObservedVersion right) => left.CompareTo(right) > 0;
    public static bool operator <=(ObservedVersion left, ObservedVersion right) => left.CompareTo(right) <= 0;
    public static bool operator >=(ObservedVersion left, ObservedVersion right) => left.CompareTo(right) >= 0;
}
