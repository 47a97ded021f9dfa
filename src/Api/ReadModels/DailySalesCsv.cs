namespace Qtickets.Sync.Api.ReadModels;

/// <summary>The daily sales CSV export: a line per row of the report, then a <c>total</c> line.</summary>
public static class DailySalesCsv
{
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<DailySalesRowDto> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = await CsvWriter.StartAsync(stream, Headers, cancellationToken);
        var totals = new DailySalesRowDto();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            totals = totals.Add(row);
            await Values(csv.Field(row.Day).Field(row.EventId).Field(row.ShowId), row).Field(row.Account).Field(row.Platform).EndRowAsync(cancellationToken);
        }
        await Values(csv.Field("total").Field((string?)null).Field((string?)null), totals).Field((string?)null).Field((string?)null).EndRowAsync(cancellationToken);
    }

    private static CsvWriter Values(CsvWriter csv, DailySalesRowDto row) =>
        csv.Field(row.PaidOrders).Field(row.TicketsSold).Field(row.Gross).Field(row.TicketRevenue).Field(row.ServiceFees)
            .Field(row.RefundedTickets).Field(row.Refunds).Field(row.Net);

    private static readonly string[] Headers =
        ["day", "event_id", "show_id", "paid_orders", "tickets_sold", "gross", "ticket_revenue", "service_fees",
         "refunded_tickets", "refunds", "net", "account", "platform"];
}
