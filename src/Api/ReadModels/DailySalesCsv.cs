namespace Qtickets.Sync.Api.ReadModels;

/// <summary>The daily sales CSV export: a line per day and event, then a <c>total</c> line.</summary>
public static class DailySalesCsv
{
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<DailySalesRowDto> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = new CsvWriter(stream);
        foreach (var header in Headers)
        {
            csv.Field(header);
        }
        await csv.EndRowAsync(cancellationToken);
        var totals = new DailySalesRowDto();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            totals = totals.Add(row);
            await Values(csv.Field(row.Day).Field(row.EventId), row).EndRowAsync(cancellationToken);
        }
        await Values(csv.Field("total").Field((string?)null), totals).EndRowAsync(cancellationToken);
    }

    private static CsvWriter Values(CsvWriter csv, DailySalesRowDto row) =>
        csv.Field(row.PaidOrders).Field(row.TicketsSold).Field(row.Revenue).Field(row.RefundedTickets)
            .Field(row.RefundedAmount).Field(row.NetRevenue);

    private static readonly string[] Headers =
        ["day", "event_id", "paid_orders", "tickets_sold", "revenue", "refunded_tickets", "refunded_amount", "net_revenue"];
}
