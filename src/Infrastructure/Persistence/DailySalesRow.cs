namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>A row of the <c>daily_sales</c> view (all sources); keyless, read-only.</summary>
public sealed class DailySalesRow
{
    public string Source { get; set; } = "";
    public DateOnly Day { get; set; }
    public long EventId { get; set; }
    public int PaidOrders { get; set; }
    public int TicketsSold { get; set; }
    public decimal Revenue { get; set; }
    public int RefundedTickets { get; set; }
    public decimal RefundedAmount { get; set; }
}
