namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>
/// A Ticketscloud order as one listing served it, read exactly: ids are 24-hex strings, money exact decimals,
/// times instants (read in <see cref="TimeZone"/>, the event's zone or the account's default). Ticketscloud has
/// no <c>updated_at</c>; <see cref="ObservedAt"/> — when the listing answered — stands in for it in
/// <see cref="Version"/>.
/// </summary>
public sealed record TicketscloudOrder
{
    public required string Id { get; init; }
    public long? Number { get; init; }
    public string? Code { get; init; }
    public required string EventId { get; init; }
    public string? OrgId { get; init; }
    public string? VendorId { get; init; }
    public string? Origin { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DoneAt { get; init; }
    public DateTimeOffset? ExpiredAfter { get; init; }
    public required TicketscloudValues Values { get; init; }

    /// <summary><c>values.sets_values</c> as served (per set of the event: price, nominal, discount, promo code).</summary>
    public string? SetsValues { get; init; }

    public IReadOnlyList<string> PromoCodes { get; init; } = [];
    public IReadOnlyList<string> ViralPromoCodes { get; init; } = [];
    public string? CustomerName { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerPhone { get; init; }
    public string? CustomerLang { get; init; }
    public bool? SendTickets { get; init; }
    public bool? Invitation { get; init; }
    public string? Settings { get; init; }
    public string? VendorData { get; init; }
    public string? VendorOrderId { get; init; }

    /// <summary>The IANA zone the offset-less times were read in.</summary>
    public required string TimeZone { get; init; }

    public required IReadOnlyList<TicketscloudTicket> Tickets { get; init; }
    public required DateTimeOffset ObservedAt { get; init; }
    public required string Raw { get; init; }

    public ObservedVersion Version => new(TicketscloudOrderStatuses.Rank(Status), ObservedAt);
}
