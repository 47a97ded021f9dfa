namespace Qtickets.Sync.Domain.Orders;

/// <summary>
/// The time-sanity rule: a payload stamped further in the future than the allowed clock skew is not believed.
/// Applied, it would win every version comparison (<see cref="OrderVersion"/>) and pin the order for good, so
/// every genuine update after it would be taken for stale.
/// </summary>
public static class FutureStamp
{
    public static bool IsTooFarAhead(DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan maxSkew) =>
        updatedAt > now + maxSkew;

    /// <summary>
    /// Why a payload stamped <paramref name="updatedAt"/> is quarantined, or null when it is believed: the one
    /// wording of the rule, whichever path (a webhook, a reconcile page) met the payload.
    /// </summary>
    public static string? QuarantineReason(DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan maxSkew) =>
        IsTooFarAhead(updatedAt, now, maxSkew)
            ? $"updated_at {updatedAt:O} is more than {maxSkew} ahead of {now:O}; release it to apply it anyway"
            : null;
}
