namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Sales of one event on one local day (or, as <c>totals</c>, of the whole report).</summary>
public sealed record DailySalesRowDto
{
    /// <summary>The local day; null on the totals row.</summary>
    /// <example>2019-07-30</example>
    public DateOnly? Day { get; init; }
    /// <summary>Null on the totals row.</summary>
    /// <example>33</example>
    public long? EventId { get; init; }
    /// <example>1</example>
    public int PaidOrders { get; init; }
    /// <example>3</example>
    public int TicketsSold { get; init; }
    /// <example>800</example>
    public decimal Revenue { get; init; }
    /// <example>0</example>
    public int RefundedTickets { get; init; }
    /// <example>0</example>
    public decimal RefundedAmount { get; init; }
    /// <summary>Revenue minus refunded amount.</summary>
    /// <example>800</example>
    public decimal NetRevenue => Revenue - RefundedAmount;

    public DailySalesRowDto Add(DailySalesRowDto other) => this with
    {
        PaidOrders = PaidOrders + other.PaidOrders,
        TicketsSold = TicketsSold + other.TicketsSold,
        Revenue = Revenue + other.Revenue,
        RefundedTickets = RefundedTickets + other.RefundedTickets,
        RefundedAmount = RefundedAmount + other.RefundedAmount,
    };
}

/// <summary>Daily sales by day and event, and their totals.</summary>
public sealed record DailySalesReportDto
{
    /// <example>Europe/Moscow</example>
    public string TimeZone { get; init; } = "";
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? EventId { get; init; }
    public IReadOnlyList<DailySalesRowDto> Rows { get; init; } = [];
    public DailySalesRowDto Totals { get; init; } = new();
}

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
    /// <example>33</example>
    public long Id { get; init; }
    /// <summary>Null when orders name an event the catalog sync has not fetched yet.</summary>
    public string? Name { get; init; }
    public bool IsActive { get; init; }
    public string? CurrencyId { get; init; }
    public string? PlaceName { get; init; }
    public string? PlaceAddress { get; init; }
    public long? CityId { get; init; }
    /// <summary>From the daily sales function, so it matches <c>GET /sales/daily</c> summed over all days.</summary>
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
    /// <summary>Tickets for this show under the same rules as the daily sales.</summary>
    public SalesTotalsDto Sales { get; init; } = SalesTotalsDto.Zero;
}
