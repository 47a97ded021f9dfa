using Qtickets.Sync.Api.OpenApi;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Sales of one local day (per event, per show, or all events, as <c>group_by</c> asks), or, as <c>totals</c>,
/// of the whole report. Money is exact (numeric end to end, never rounded); docs/sales-rules.md defines each figure.
/// </summary>
public sealed record DailySalesRowDto
{
    /// <summary>The local day; null on the totals row.</summary>
    /// <example>2019-07-30</example>
    public DateOnly? Day { get; init; }
    /// <summary>The account the row's sales belong to; null on the totals row.</summary>
    /// <example>default</example>
    public string? Account { get; init; }
    /// <summary>Whose sales the row holds; null on the totals row.</summary>
    [ClosedSet(typeof(MirrorPlatforms))]
    public string? Platform { get; init; }
    /// <summary>Null on the totals row and with <c>group_by=day</c>.</summary>
    /// <example>33</example>
    public long? EventId { get; init; }
    /// <summary>Only with <c>group_by=show</c>; 0 for tickets without a show.</summary>
    /// <example>41</example>
    public long? ShowId { get; init; }
    /// <summary>Paid orders with a ticket sold that day (an order is counted once per show it has tickets for).</summary>
    /// <example>1</example>
    public int PaidOrders { get; init; }
    /// <example>3</example>
    public int TicketsSold { get; init; }
    /// <summary>What buyers paid for the tickets sold that day: price × quantity.</summary>
    /// <example>800</example>
    public decimal Gross { get; init; }
    /// <summary>The ticket part of the gross (gross minus service fees).</summary>
    /// <example>800</example>
    public decimal TicketRevenue { get; init; }
    /// <summary>The service fee part of the gross (<c>service_fee_amount</c> × quantity).</summary>
    /// <example>0</example>
    public decimal ServiceFees { get; init; }
    /// <summary>Tickets refunded that day (whenever they were sold).</summary>
    /// <example>0</example>
    public int RefundedTickets { get; init; }
    /// <summary>Money returned that day (<c>refunded_amount</c>; a deduction the organizer kept is not in it).</summary>
    /// <example>0</example>
    public decimal Refunds { get; init; }
    /// <summary>Gross minus refunds.</summary>
    /// <example>800</example>
    public decimal Net => Gross - Refunds;

    public DailySalesRowDto Add(DailySalesRowDto other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            PaidOrders = PaidOrders + other.PaidOrders,
            TicketsSold = TicketsSold + other.TicketsSold,
            Gross = Gross + other.Gross,
            TicketRevenue = TicketRevenue + other.TicketRevenue,
            ServiceFees = ServiceFees + other.ServiceFees,
            RefundedTickets = RefundedTickets + other.RefundedTickets,
            Refunds = Refunds + other.Refunds,
        };
    }
}

/// <summary>Daily sales and their totals.</summary>
public sealed record DailySalesReportDto
{
    /// <example>Europe/Moscow</example>
    public string TimeZone { get; init; } = "";
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? EventId { get; init; }
    /// <example>event</example>
    public string GroupBy { get; init; } = "event";
    /// <summary><c>table</c>: the maintained daily sales table; <c>recompute</c>: computed from the orders for this request.</summary>
    /// <example>table</example>
    [ClosedSet(typeof(DailySalesSources))]
    public string Source { get; init; } = DailySalesSources.Table;
    /// <summary>Whose sales the report holds (<c>platform</c>); null for both platforms (each row names its own).</summary>
    [ClosedSet(Infrastructure.Sales.SalesSource.Qtickets, Infrastructure.Sales.SalesSource.Ticketscloud)]
    public string? Platform { get; init; }
    /// <summary>Why the answer came from the recompute, when it did.</summary>
    public string? Note { get; init; }
    public IReadOnlyList<DailySalesRowDto> Rows { get; init; } = [];
    public DailySalesRowDto Totals { get; init; } = new();
}

/// <summary>Where a daily sales answer came from.</summary>
public static class DailySalesSources
{
    public const string Table = "table";
    public const string Recompute = "recompute";
}
