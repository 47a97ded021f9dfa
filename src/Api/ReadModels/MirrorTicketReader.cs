using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Tickets of both platforms by barcode, from the <c>mirror.tickets</c> view, with their orders.</summary>
public sealed class MirrorTicketReader([FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource dataSource, MirrorOrderReader orders)
{
    /// <summary>
    /// The ticket with this barcode in each readable account that has one. Within an account a barcode can
    /// reappear on a replacement ticket; the live one wins over a removed one, then the newest.
    /// </summary>
    public async Task<IReadOnlyList<MirrorTicketDto>> FindAsync(
        AccountFilter accounts, string barcode, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter("barcode", NpgsqlDbType.Text) { Value = barcode });
        var ofAccounts = "";
        if (accounts.Ids is not null)
        {
            ofAccounts = " AND account IN (SELECT name FROM accounts WHERE id = ANY(@accounts))";
            command.Parameters.Add(accounts.Parameter("accounts"));
        }
        command.CommandText = $"""
            SELECT DISTINCT ON (account)
                   account, platform, ticket_id, barcode, status, order_id, event_id, show_id, show_starts_at, seat_id,
                   seat_name, quantity, price, ticket_price, service_fee, scanned, scanned_at, refunded_at, refunded_amount, vanished
            FROM mirror.tickets
            WHERE barcode = @barcode{ofAccounts}
            ORDER BY account, (NOT deleted AND NOT vanished) DESC, synced_at DESC NULLS LAST, ticket_id DESC
            """;
        var found = new List<MirrorTicketDto>();
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                found.Add(new MirrorTicketDto
                {
                    Account = r.GetString(0),
                    Platform = r.GetString(1),
                    TicketId = r.GetString(2),
                    Barcode = OrderRows.Text(r, 3),
                    Status = r.GetString(4),
                    OrderId = r.GetString(5),
                    EventId = r.GetString(6),
                    ShowId = OrderRows.Text(r, 7),
                    ShowStartsAt = OrderRows.Instant(r, 8),
                    SeatId = OrderRows.Text(r, 9),
                    SeatName = OrderRows.Text(r, 10),
                    Quantity = r.GetInt32(11),
                    Price = r.GetDecimal(12),
                    TicketPrice = r.GetDecimal(13),
                    ServiceFee = r.GetDecimal(14),
                    Scanned = r.IsDBNull(15) ? null : r.GetBoolean(15),
                    ScannedAt = OrderRows.Instant(r, 16),
                    RefundedAt = OrderRows.Instant(r, 17),
                    RefundedAmount = r.IsDBNull(18) ? null : r.GetDecimal(18),
                    Vanished = r.GetBoolean(19),
                });
            }
        }
        var withOrders = new List<MirrorTicketDto>(found.Count);
        foreach (var ticket in found)
        {
            var order = (await orders.FindAsync(accounts, ticket.OrderId, pii, includeRaw: false, cancellationToken))
                .FirstOrDefault(o => o.Account == ticket.Account && o.Platform == ticket.Platform);
            withOrders.Add(ticket with { Order = order });
        }
        return withOrders;
    }
}
