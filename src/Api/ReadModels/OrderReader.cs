using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Order and ticket reads in plain SQL shaped for the indexes: keyset pages walk (event_id, created_at, id)
/// or (created_at, id) backwards, so any page costs the same however deep it is.
/// </summary>
public sealed class OrderReader(NpgsqlDataSource dataSource)
{
    public async Task<OrderPageDto> PageAsync(OrderFilter filter, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var items = new List<OrderDto>(filter.Limit + 1);
        await foreach (var order in StreamAsync(filter, filter.Limit + 1, pii, cancellationToken))
        {
            items.Add(order);
        }
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(filter.Limit);
            var last = items[^1];
            next = new OrderCursor(last.CreatedAt, last.Id, last.AccountId).Encode();
        }
        if (filter.IncludeBaskets && items.Count > 0)
        {
            items = await WithBasketsAsync(items, pii, cancellationToken);
        }
        return new OrderPageDto { Items = items, NextCursor = next };
    }

    /// <summary>Every order matching the filter, newest first, read row by row; <paramref name="limit"/> null for all.</summary>
    public async IAsyncEnumerable<OrderDto> StreamAsync(
        OrderFilter filter, int? limit, bool pii, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand();
        var where = new List<string>();
        void Add(string condition, string name, object value, NpgsqlDbType type)
        {
            where.Add(condition);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }
        if (filter.Accounts.Condition(command, "o.account_id") is { } ofAccounts) where.Add(ofAccounts);
        if (filter.EventId is { } eventId) Add("o.event_id = @event_id", "event_id", eventId, NpgsqlDbType.Bigint);
        if (filter.ShowId is { } showId)
        {
            Add("EXISTS (SELECT 1 FROM qtickets_baskets b WHERE b.account_id = o.account_id AND b.order_id = o.id AND b.show_id = @show_id)", "show_id", showId, NpgsqlDbType.Bigint);
        }
        if (filter.Paid is { } paid) Add("o.payed = @paid", "paid", paid, NpgsqlDbType.Boolean);
        if (filter.Cancelled is { } cancelled) where.Add(cancelled ? "o.deleted_at IS NOT NULL" : "o.deleted_at IS NULL");
        if (filter.CreatedFrom is { } createdFrom) Add("o.created_at >= @created_from", "created_from", createdFrom, NpgsqlDbType.TimestampTz);
        if (filter.CreatedTo is { } createdTo) Add("o.created_at < @created_to", "created_to", createdTo, NpgsqlDbType.TimestampTz);
        if (filter.PaidFrom is { } paidFrom) Add("o.payed_at >= @paid_from", "paid_from", paidFrom, NpgsqlDbType.TimestampTz);
        if (filter.PaidTo is { } paidTo) Add("o.payed_at < @paid_to", "paid_to", paidTo, NpgsqlDbType.TimestampTz);
        if (filter.UpdatedFrom is { } updatedFrom) Add("o.updated_at >= @updated_from", "updated_from", updatedFrom, NpgsqlDbType.TimestampTz);
        if (filter.UpdatedTo is { } updatedTo) Add("o.updated_at < @updated_to", "updated_to", updatedTo, NpgsqlDbType.TimestampTz);
        if (filter.ClientEmail is { } email) Add("o.client_email = @client_email", "client_email", email, NpgsqlDbType.Text);
        if (filter.PromoCodeId is { } promo) Add("o.promo_code_id = @promo_code_id", "promo_code_id", promo, NpgsqlDbType.Bigint);
        if (filter.After is { } after)
        {
            Add("(o.created_at, o.id, o.account_id) < (@after_created_at, @after_id, @after_account_id)",
                "after_created_at", after.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            command.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Bigint) { Value = after.Id });
            command.Parameters.Add(new NpgsqlParameter("after_account_id", NpgsqlDbType.Integer) { Value = after.AccountId });
        }
        var sql = $"SELECT {OrderRows.OrderColumns} FROM {OrderRows.OrdersFrom}";
        if (where.Count > 0)
        {
            sql += " WHERE " + string.Join(" AND ", where);
        }
        sql += " ORDER BY o.created_at DESC, o.id DESC, o.account_id DESC";
        if (limit is { } take)
        {
            sql += " LIMIT @limit";
            command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = take });
        }
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return OrderRows.ReadOrder(reader, pii);
        }
    }

    /// <summary>The order with this id in each readable account that has one (usually one; ids repeat across accounts).</summary>
    public async Task<IReadOnlyList<OrderDto>> FindAsync(AccountFilter accounts, long id, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await using var command = dataSource.CreateCommand();
        var sql = $"SELECT {OrderRows.OrderColumns} FROM {OrderRows.OrdersFrom} WHERE o.id = @id";
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = id });
        if (accounts.Condition(command, "o.account_id") is { } ofAccounts)
        {
            sql += " AND " + ofAccounts;
        }
        command.CommandText = sql + " ORDER BY acc.name";
        var found = new List<OrderDto>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(OrderRows.ReadOrder(reader, pii));
            }
        }
        return found.Count == 0 ? found : await WithBasketsAsync(found, pii, cancellationToken);
    }

    /// <summary>
    /// The ticket with this barcode in each readable account that has one. Within an account a barcode can
    /// reappear on a replacement ticket; the live one wins over a removed one, then the newest.
    /// </summary>
    public async Task<IReadOnlyList<TicketDto>> FindTicketsAsync(
        AccountFilter accounts, string barcode, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter("barcode", NpgsqlDbType.Text) { Value = barcode });
        var ofAccounts = accounts.Condition(command, "b.account_id") is { } condition ? " AND " + condition : "";
        command.CommandText = $"""
            SELECT DISTINCT ON (acc.name)
                   {OrderRows.BasketColumns}, o.payed, o.deleted_at, o.event_id, e.name, e.place_name,
                   s.start_date, s.finish_date, acc.name
            FROM qtickets_baskets b
            JOIN accounts acc ON acc.id = b.account_id
            JOIN qtickets_orders o ON o.account_id = b.account_id AND o.id = b.order_id
            LEFT JOIN qtickets_events e ON e.account_id = o.account_id AND e.id = o.event_id
            LEFT JOIN qtickets_shows s ON s.account_id = b.account_id AND s.id = b.show_id
            WHERE b.barcode = @barcode{ofAccounts}
            ORDER BY acc.name, (b.vanished_at IS NULL AND b.deleted_at IS NULL) DESC, b.updated_at DESC NULLS LAST, b.id DESC
            """;
        var found = new List<TicketDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ticket = OrderRows.ReadBasket(reader, 0, pii);
            found.Add(new TicketDto
            {
                Account = reader.GetString(26),
                Ticket = ticket,
                OrderId = reader.GetInt64(18),
                OrderPaid = reader.GetBoolean(19),
                OrderCancelled = !reader.IsDBNull(20),
                Event = new TicketEventDto(reader.GetInt64(21), OrderRows.Text(reader, 22), OrderRows.Text(reader, 23)),
                Show = ticket.ShowId is { } showId
                    ? new TicketShowDto(showId, OrderRows.Instant(reader, 24), OrderRows.Instant(reader, 25))
                    : null,
            });
        }
        return found;
    }

    private async Task<List<OrderDto>> WithBasketsAsync(List<OrderDto> orders, bool pii, CancellationToken cancellationToken)
    {
        var baskets = await BasketsAsync(orders, pii, cancellationToken);
        return [.. orders.Select(o => o with { Baskets = baskets.TryGetValue((o.AccountId, o.Id), out var list) ? list : [] })];
    }

    private async Task<Dictionary<(int, long), List<BasketDto>>> BasketsAsync(
        IReadOnlyList<OrderDto> orders, bool pii, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {OrderRows.BasketColumns}, b.account_id
            FROM qtickets_baskets b
            JOIN unnest($1, $2) AS k(account_id, order_id) ON b.account_id = k.account_id AND b.order_id = k.order_id
            ORDER BY b.account_id, b.order_id, b.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = orders.Select(o => o.AccountId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = orders.Select(o => o.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        var byOrder = new Dictionary<(int, long), List<BasketDto>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var orderId = (reader.GetInt32(19), reader.GetInt64(18));
            if (!byOrder.TryGetValue(orderId, out var list))
            {
                byOrder[orderId] = list = [];
            }
            list.Add(OrderRows.ReadBasket(reader, 0, pii));
        }
        return byOrder;
    }
}
