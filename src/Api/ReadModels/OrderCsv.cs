namespace Qtickets.Sync.Api.ReadModels;

/// <summary>The orders CSV export: one line per order, written as rows are read.</summary>
public static class OrderCsv
{
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<OrderDto> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        await using var csv = new CsvWriter(stream);
        foreach (var header in Headers)
        {
            csv.Field(header);
        }
        await csv.EndRowAsync(cancellationToken);
        await foreach (var o in orders.WithCancellation(cancellationToken))
        {
            await csv.Field(o.Id).Field(o.Uniqid).Field(o.EventId).Field(o.Paid).Field(o.PaidAt).Field(o.Cancelled)
                .Field(o.CancelledAt).Field(o.CreatedAt).Field(o.UpdatedAt).Field(o.ClientId).Field(o.ClientEmail)
                .Field(o.ClientPhone).Field(o.ClientName).Field(o.ClientSurname).Field(o.ClientMiddlename)
                .Field(o.Price).Field(o.OriginalPrice).Field(o.CurrencyId).Field(o.PromoCodeId).Field(o.PaymentTypeId)
                .Field(o.LastSource).Field(o.SyncedAt).Field(o.Account)
                .EndRowAsync(cancellationToken);
        }
    }

    private static readonly string[] Headers =
    [
        "id", "uniqid", "event_id", "paid", "paid_at", "cancelled", "cancelled_at", "created_at", "updated_at",
        "client_id", "client_email", "client_phone", "client_name", "client_surname", "client_middlename", "price",
        "original_price", "currency_id", "promo_code_id", "payment_type_id", "last_source", "synced_at", "account",
    ];
}
