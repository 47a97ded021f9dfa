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
}
