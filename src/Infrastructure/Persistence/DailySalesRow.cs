namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// A row of the maintained <c>daily_sales</c> table; read-only for EF (the table, its queue and triggers are
/// hand-written SQL, see <see cref="SalesSql"/>, and only the folder writes it).
/// </summary>
public sealed class DailySalesRow
{
    public string Source { get; set; } = "";
    public int AccountId { get; set; }
    public DateOnly Day { get; set; }
    public long EventId { get; set; }
    public long ShowId { get; set; }
    public int PaidOrders { get; set; }
    public int TicketsSold { get; set; }
    public decimal Gross { get; set; }
    public decimal TicketRevenue { get; set; }
    public decimal ServiceFees { get; set; }
    public int RefundedTickets { get; set; }
    public decimal Refunds { get; set; }
}
