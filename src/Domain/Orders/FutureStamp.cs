namespace Qtickets.Sync.Domain.Orders;

/// <summary>
/// The time-sanity rule: a payload stamped further in the future than the allowed clock skew is not believed.
/// Applied, it would win every version comparison (<see cref="OrderVersion"/>) and pin the order for good, so
/// every genuine update after it would be taken for stale.
/// </summary>
/// <remarks>
/// The upsert statement decides it for the rows it writes, against <see cref="Horizon"/> passed as a parameter
/// (ADR 0018); this is the rule it implements, and the one wording of the reason.
/// </remarks>
public static class FutureStamp
{
    /// <summary>The latest stamp believed at <paramref name="now"/>: a payload stamped after it is quarantined.</summary>
    public static DateTimeOffset Horizon(DateTimeOffset now, TimeSpan maxSkew) => now + maxSkew;

    public static bool IsTooFarAhead(DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan maxSkew) =>
        updatedAt > Horizon(now, maxSkew);

    /// <summary>
    /// Why a payload stamped <paramref name="updatedAt"/> was found too far ahead of <paramref name="now"/>: the one
    /// wording of the rule, whichever path (a webhook, a reconcile page) met the payload.
    /// </summary>
    public static string Reason(DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan maxSkew) =>
        $"updated_at {updatedAt:O} is more than {maxSkew} ahead of {now:O}; release it to apply it anyway";
}
