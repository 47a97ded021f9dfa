using Qtickets.Sync.Api.OpenApi;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Sales of an event or a show over all time.</summary>
public sealed record SalesTotalsDto
{
    public int PaidOrders { get; init; }
    public int TicketsSold { get; init; }
    public decimal Revenue { get; init; }
    public int RefundedTickets { get; init; }
    public decimal RefundedAmount { get; init; }
    public decimal NetRevenue => Revenue - RefundedAmount;

    public static readonly SalesTotalsDto Zero = new();
}

/// <summary>An event with its shows and what they sold.</summary>
public sealed record EventDto
{
    /// <summary>The account the event belongs to; event ids are unique only within one account.</summary>
    /// <example>default</example>
    public string Account { get; init; } = "";
    /// <summary>
    /// The event's number: QTickets' own id; for Ticketscloud the mirror's number for the event
    /// (<c>ticketscloud_events.sales_key</c>), the <c>event_id</c> of <c>GET /sales/daily</c>.
    /// </summary>
    /// <example>33</example>
    public long Id { get; init; }
    [ClosedSet(typeof(MirrorPlatforms))]
    public string Platform { get; init; } = MirrorPlatforms.Qtickets;
    /// <summary>The platform's own id as text (a QTickets number, a Ticketscloud hex id): the <c>eventId</c> of orders.</summary>
    /// <example>33</example>
    public string PlatformEventId { get; init; } = "";
    /// <summary>Null when orders name an event the catalog sync has not fetched yet.</summary>
    public string? Name { get; init; }
    public bool IsActive { get; init; }
    public string? CurrencyId { get; init; }
    public string? PlaceName { get; init; }
    public string? PlaceAddress { get; init; }
    public long? CityId { get; init; }
    /// <summary>From the daily sales table, so it matches <c>GET /sales/daily</c> summed over all days (revenue = gross, refundedAmount = refunds).</summary>
    public SalesTotalsDto Sales { get; init; } = SalesTotalsDto.Zero;
    public IReadOnlyList<ShowDto> Shows { get; init; } = [];
}

/// <summary>One date of an event.</summary>
public sealed record ShowDto
{
    /// <example>41</example>
    public long Id { get; init; }
    public bool IsActive { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? FinishDate { get; init; }
    public DateTimeOffset? SaleStartDate { get; init; }
    public DateTimeOffset? SaleFinishDate { get; init; }
    /// <summary>This show's rows of the daily sales table, summed.</summary>
    public SalesTotalsDto Sales { get; init; } = SalesTotalsDto.Zero;
}
