namespace Qtickets.Sync.Api.ReadModels;

/// <summary>The orders CSV export: one line per order of either platform, the columns of <c>mirror.orders</c>.</summary>
public static class OrderCsv
{
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<MirrorOrderDto> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        await using var csv = await CsvWriter.StartAsync(stream, Headers, cancellationToken);
        await foreach (var o in orders.WithCancellation(cancellationToken))
        {
            await csv.Field(o.Account).Field(o.Platform).Field(o.Id).Field(o.Status).Field(o.Currency).Field(o.Total)
                .Field(o.TicketRevenue).Field(o.ServiceFees).Field(o.Discount).Field(o.RefundedAmount).Field(o.CreatedAt)
                .Field(o.PaidAt).Field(o.UpdatedAt).Field(o.SyncedAt).Field(o.EventId).Field(o.EventName).Field(o.ShowId)
                .Field(o.ShowStartsAt).Field(o.Tickets).Field(o.RefundedTickets).Field(o.CustomerEmail).Field(o.CustomerPhone)
                .Field(o.CustomerName).Field(o.Deleted).Field(o.Vanished)
                .EndRowAsync(cancellationToken);
        }
    }

    private static readonly string[] Headers =
    [
        "account", "platform", "id", "status", "currency", "total", "ticket_revenue", "service_fees", "discount",
        "refunded_amount", "created_at", "paid_at", "updated_at", "synced_at", "event_id", "event_name", "show_id",
        "show_starts_at", "tickets", "refunded_tickets", "customer_email", "customer_phone", "customer_name",
        "deleted", "vanished",
    ];
}
