using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Ticketscloud order reads in their own shape (the deprecated <c>/api/v1/ticketscloud/orders</c> alias), in
/// hand-written SQL like every other read (ADR 0001): keyset pages over (created_at, account, id) backwards, so any
/// page costs the same however deep; one order with its tickets and refund requests. Personal data masked without
/// <c>read:pii</c>.
/// </summary>
public sealed class TicketscloudOrderReader([FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The order columns <see cref="Read"/> expects, with the account's name and the event's title joined in.
    /// </summary>
    private const string Select = """
        SELECT a.name, o.id, o.number, o.code, o.event_id, e.title, o.org_id, o.vendor_id, o.origin, o.status,
               o.created_at, o.done_at, o.expired_after, o.nominal, o.extra, o."full", o.discount, o.price, o.promo_codes,
               o.customer_email, o.customer_phone, o.customer_name, o.vendor_order_id, o.time_zone, o.observed_at,
               o.account_id
        FROM ticketscloud_orders o
        JOIN accounts a ON a.id = o.account_id
        LEFT JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
        """;

    public async Task<TicketscloudOrderPageDto> PageAsync(TicketscloudOrderFilter filter, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand();
        var conditions = new List<string>();
        if (filter.Accounts.Condition(command, "o.account_id") is { } accounts)
        {
            conditions.Add(accounts);
        }
        Add(command, conditions, "o.event_id = @event_id", "event_id", NpgsqlDbType.Text, filter.EventId);
        Add(command, conditions, "o.status = @status", "status", NpgsqlDbType.Text, filter.Status);
        Add(command, conditions, "o.created_at >= @created_from", "created_from", NpgsqlDbType.TimestampTz, filter.CreatedFrom);
        Add(command, conditions, "o.created_at < @created_to", "created_to", NpgsqlDbType.TimestampTz, filter.CreatedTo);
        Add(command, conditions, "o.customer_email = @client_email", "client_email", NpgsqlDbType.Text, filter.ClientEmail);
        if (filter.After is { } after)
        {
            conditions.Add("(o.created_at, o.account_id, o.id) < (@after_created_at, @after_account, @after_id)");
            command.Parameters.Add(new NpgsqlParameter("after_created_at", NpgsqlDbType.TimestampTz) { Value = after.CreatedAt });
            command.Parameters.Add(new NpgsqlParameter("after_account", NpgsqlDbType.Integer) { Value = after.AccountId });
            command.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Text) { Value = after.Id });
        }
        command.CommandText = $"""
            {Select}
            {(conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions))}
            ORDER BY o.created_at DESC, o.account_id DESC, o.id DESC
            LIMIT @limit
            """;
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = filter.Limit + 1 });
        var items = new List<TicketscloudOrderDto>(filter.Limit + 1);
        var accountIds = new List<int>(filter.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader, pii));
                accountIds.Add(reader.GetInt32(25));
            }
        }
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(filter.Limit);
            var last = items[^1];
            next = new TicketscloudOrderCursor(last.CreatedAt, accountIds[filter.Limit - 1], last.Id).Encode();
        }
        return new TicketscloudOrderPageDto { Items = items, NextCursor = next };
    }

    public async Task<TicketscloudOrderDto?> FindAsync(string id, AccountFilter accounts, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        TicketscloudOrderDto order;
        int accountId;
        await using (var command = connection.CreateCommand())
        {
            // Ids are unique within an account; Ticketscloud ObjectIds are unique across its accounts too, so the
            // first match is the order (the newest observation should the same order be mirrored under two accounts).
            command.CommandText = $"""
                {Select}
                WHERE o.id = @id AND (@accounts IS NULL OR o.account_id = ANY(@accounts))
                ORDER BY o.observed_at DESC
                LIMIT 1
                """;
            command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = id });
            command.Parameters.Add(accounts.Parameter("accounts"));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            order = Read(reader, pii);
            accountId = reader.GetInt32(25);
        }
        var refunds = await RefundRequestsAsync(connection, accountId, id, cancellationToken);
        return order with
        {
            Tickets = await TicketsAsync(connection, accountId, id, refunds, cancellationToken),
            RefundRequests = refunds,
        };
    }

    private static async Task<List<TicketscloudTicketDto>> TicketsAsync(
        NpgsqlConnection connection, int accountId, string orderId, IReadOnlyList<TicketscloudRefundRequestDto> refunds,
        CancellationToken cancellationToken)
    {
        await using var command = OfOrder(connection, accountId, orderId, """
            SELECT id, number, barcode, serial, set_id, status, nominal, extra, "full", discount, price, vanished_at
            FROM ticketscloud_tickets WHERE account_id = @account AND order_id = @order ORDER BY number, id
            """);
        var tickets = new List<TicketscloudTicketDto>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var id = r.GetString(0);
            tickets.Add(new TicketscloudTicketDto
            {
                Id = id,
                Number = OrderRows.Long(r, 1),
                Barcode = OrderRows.Text(r, 2),
                Serial = OrderRows.Text(r, 3),
                SetId = OrderRows.Text(r, 4),
                Status = OrderRows.Text(r, 5),
                Nominal = r.GetDecimal(6),
                Extra = r.GetDecimal(7),
                Full = r.GetDecimal(8),
                Discount = r.GetDecimal(9),
                Price = r.GetDecimal(10),
                VanishedAt = OrderRows.Instant(r, 11),
                RefundRequestId = refunds.FirstOrDefault(q => q.Status == TicketscloudRefundStatuses.Approved && q.TicketIds.Contains(id))?.Id,
            });
        }
        return tickets;
    }

    private static async Task<List<TicketscloudRefundRequestDto>> RefundRequestsAsync(
        NpgsqlConnection connection, int accountId, string orderId, CancellationToken cancellationToken)
    {
        await using var command = OfOrder(connection, accountId, orderId, """
            SELECT id, status, ticket_ids, amount, created_at, approved_at
            FROM ticketscloud_refund_requests WHERE account_id = @account AND order_id = @order ORDER BY created_at
            """);
        var refunds = new List<TicketscloudRefundRequestDto>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            refunds.Add(new TicketscloudRefundRequestDto
            {
                Id = r.GetString(0),
                Status = r.GetString(1),
                TicketIds = r.GetFieldValue<string[]>(2),
                Amount = r.IsDBNull(3) ? null : r.GetDecimal(3),
                CreatedAt = OrderRows.Instant(r, 4),
                ApprovedAt = OrderRows.Instant(r, 5),
            });
        }
        return refunds;
    }

    private static NpgsqlCommand OfOrder(NpgsqlConnection connection, int accountId, string orderId, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter("account", NpgsqlDbType.Integer) { Value = accountId });
        command.Parameters.Add(new NpgsqlParameter("order", NpgsqlDbType.Text) { Value = orderId });
        return command;
    }

    private static void Add<T>(NpgsqlCommand command, List<string> conditions, string condition, string name, NpgsqlDbType type, T? value)
    {
        if (value is null)
        {
            return;
        }
        conditions.Add(condition);
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
    }

    private static TicketscloudOrderDto Read(NpgsqlDataReader r, bool pii) => new()
    {
        Account = r.GetString(0),
        Id = r.GetString(1),
        Number = OrderRows.Long(r, 2),
        Code = OrderRows.Text(r, 3),
        EventId = r.GetString(4),
        EventTitle = OrderRows.Text(r, 5),
        OrgId = OrderRows.Text(r, 6),
        VendorId = OrderRows.Text(r, 7),
        Origin = OrderRows.Text(r, 8),
        Status = r.GetString(9),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(10),
        DoneAt = OrderRows.Instant(r, 11),
        ExpiredAfter = OrderRows.Instant(r, 12),
        Nominal = r.GetDecimal(13),
        Extra = r.GetDecimal(14),
        Full = r.GetDecimal(15),
        Discount = r.GetDecimal(16),
        Price = r.GetDecimal(17),
        PromoCodes = r.GetFieldValue<string[]>(18),
        CustomerEmail = pii ? OrderRows.Text(r, 19) : PiiMask.Email(OrderRows.Text(r, 19)),
        CustomerPhone = pii ? OrderRows.Text(r, 20) : PiiMask.Phone(OrderRows.Text(r, 20)),
        CustomerName = pii ? OrderRows.Text(r, 21) : PiiMask.Name(OrderRows.Text(r, 21)),
        VendorOrderId = OrderRows.Text(r, 22),
        TimeZone = r.GetString(23),
        ObservedAt = r.GetFieldValue<DateTimeOffset>(24),
    };
}
