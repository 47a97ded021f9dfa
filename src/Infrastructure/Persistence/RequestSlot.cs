namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// The next free request slot of a rate limit shared by every instance (<c>qtickets_request_slots</c>); see
/// <see cref="SharedRateGate"/>.
/// </summary>
public sealed class RequestSlot
{
    /// <summary>Each account has a limit of its own: a token's rate is its own business.</summary>
    public int AccountId { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset NextSlot { get; set; }
}
