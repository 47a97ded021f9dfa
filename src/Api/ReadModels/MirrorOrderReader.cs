using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Orders of both platforms read from the <c>mirror.orders</c> view, so the API and SQL users see one read model.
/// Only the filters asked for are written into the statement; PostgreSQL pushes each into both sides of the view's
/// UNION ALL, where keyset pages walk the (created_at) indexes backwards and a lookup by id reaches each table's key.
/// </summary>
public sealed class MirrorOrderReader(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        account, platform, order_id, status, currency, total, ticket_revenue, service_fees, discount, refunded_amount,
        created_at, paid_at, updated_at, synced_at, event_id, event_name, show_id, show_starts_at, tickets,
        refunded_tickets, customer_email, customer_phone, customer_name, deleted, deleted_at, vanished, vanished_at
        """;

    private const string OfAccounts = "account IN (SELECT name FROM accounts WHERE id = ANY(@accounts))";

    public async Task<MirrorOrderPageDto> PageAsync(OrderFilter filter, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var items = new List<MirrorOrderDto>(filter.Limit + 1);
        await foreach (var order in StreamAsync(filter, filter.Limit + 1, pii, cancellationToken))
        {
            items.Add(order);
        }
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(filter.Limit);
            next = MirrorOrderCursor.After(items[^1]).Encode();
        }
        if (filter.IncludeRaw && items.Count > 0)
        {
            items = await WithPlatformFieldsAsync(items, pii, cancellationToken);
        }
        return new MirrorOrderPageDto { Items = items, NextCursor = next };
    }

    /// <summary>Every order matching the filter, newest first, read row by row; <paramref name="limit"/> null for all.</summary>
    public async IAsyncEnumerable<MirrorOrderDto> StreamAsync(
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
        if (filter.Accounts.Ids is not null)
        {
            where.Add(OfAccounts);
            command.Parameters.Add(filter.Accounts.Parameter("accounts"));
        }
        if (filter.Platforms is { } platforms) Add("platform = ANY(@platforms)", "platforms", platforms.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (filter.Statuses is { } statuses) Add("status = ANY(@statuses)", "statuses", statuses.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (filter.EventId is { } eventId) Add("event_id = @event_id", "event_id", eventId, NpgsqlDbType.Text);
        if (filter.ShowId is { } showId) Add("show_id = @show_id", "show_id", showId, NpgsqlDbType.Text);
        if (filter.Paid is { } paid) where.Add(paid ? "paid_at IS NOT NULL" : "paid_at IS NULL");
        if (filter.CreatedFrom is { } createdFrom) Add("created_at >= @created_from", "created_from", createdFrom, NpgsqlDbType.TimestampTz);
        if (filter.CreatedTo is { } createdTo) Add("created_at < @created_to", "created_to", createdTo, NpgsqlDbType.TimestampTz);
        if (filter.PaidFrom is { } paidFrom) Add("paid_at >= @paid_from", "paid_from", paidFrom, NpgsqlDbType.TimestampTz);
        if (filter.PaidTo is { } paidTo) Add("paid_at < @paid_to", "paid_to", paidTo, NpgsqlDbType.TimestampTz);
        if (filter.UpdatedFrom is { } updatedFrom) Add("updated_at >= @updated_from", "updated_from", updatedFrom, NpgsqlDbType.TimestampTz);
        if (filter.UpdatedTo is { } updatedTo) Add("updated_at < @updated_to", "updated_to", updatedTo, NpgsqlDbType.TimestampTz);
        if (filter.ClientEmail is { } email) Add("customer_email = @client_email", "client_email", email, NpgsqlDbType.Text);
        if (filter.After is { } after)
        {
            // The plain bound reaches the created_at indexes; the row comparison then settles ties exactly.
            Add("created_at <= @after_created_at AND (created_at, account, platform, order_id) < (@after_created_at, @after_account, @after_platform, @after_id)",
                "after_created_at", after.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            command.Parameters.Add(new NpgsqlParameter("after_account", NpgsqlDbType.Text) { Value = after.Account });
            command.Parameters.Add(new NpgsqlParameter("after_platform", NpgsqlDbType.Text) { Value = after.Platform });
            command.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Text) { Value = after.Id });
        }
        var sql = $"SELECT {Columns} FROM mirror.orders";
        if (where.Count > 0)
        {
            sql += " WHERE " + string.Join(" AND ", where);
        }
        sql += " ORDER BY created_at DESC, account DESC, platform DESC, order_id DESC";
        if (limit is { } take)
        {
            sql += " LIMIT @limit";
            command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = take });
        }
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader, pii);
        }
    }

    /// <summary>
    /// The orders with this id in the readable accounts, of either platform (ids repeat across accounts), with
    /// their platform fields when asked.
    /// </summary>
    public async Task<IReadOnlyList<MirrorOrderDto>> FindAsync(
        AccountFilter accounts, string id, bool pii, bool includeRaw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await using var command = dataSource.CreateCommand();
        var sql = $"SELECT {Columns} FROM mirror.orders WHERE order_id = @id";
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = id });
        if (accounts.Ids is not null)
        {
            sql += " AND " + OfAccounts;
            command.Parameters.Add(accounts.Parameter("accounts"));
        }
        command.CommandText = sql + " ORDER BY account, platform";
        var found = new List<MirrorOrderDto>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(Read(reader, pii));
            }
        }
        return includeRaw && found.Count > 0 ? await WithPlatformFieldsAsync(found, pii, cancellationToken) : found;
    }

    /// <summary>Each order's payload as its platform last sent it, keyed like the view's rows.</summary>
    private async Task<List<MirrorOrderDto>> WithPlatformFieldsAsync(List<MirrorOrderDto> orders, bool pii, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT k.account, k.platform, k.id, coalesce(q.raw, t.raw)::text
            FROM unnest(@accounts, @platforms, @ids) AS k(account, platform, id)
            JOIN accounts a ON a.name = k.account
            LEFT JOIN qtickets_orders q ON k.platform = 'qtickets' AND q.account_id = a.id AND q.id::text = k.id
            LEFT JOIN ticketscloud_orders t ON k.platform = 'ticketscloud' AND t.account_id = a.id AND t.id::text = k.id
            """);
        command.Parameters.Add(new NpgsqlParameter("accounts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = orders.Select(o => o.Account).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("platforms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = orders.Select(o => o.Platform).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = orders.Select(o => o.Id).ToArray() });
        var raw = new Dictionary<(string, string, string), JsonElement>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(3))
                {
                    continue;
                }
                using var json = JsonDocument.Parse(reader.GetString(3));
                raw[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = pii ? json.RootElement.Clone() : PiiMask.Json(json.RootElement);
            }
        }
        return [.. orders.Select(o => o with
        {
            PlatformFields = raw.TryGetValue((o.Account, o.Platform, o.Id), out var fields) ? fields : null,
        })];
    }

    private static MirrorOrderDto Read(NpgsqlDataReader r, bool pii) => new()
    {
        Account = r.GetString(0),
        Platform = r.GetString(1),
        Id = r.GetString(2),
        Status = r.GetString(3),
        Currency = OrderRows.Text(r, 4),
        Total = r.GetDecimal(5),
        TicketRevenue = r.GetDecimal(6),
        ServiceFees = r.GetDecimal(7),
        Discount = r.GetDecimal(8),
        RefundedAmount = r.GetDecimal(9),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(10),
        PaidAt = OrderRows.Instant(r, 11),
        UpdatedAt = OrderRows.Instant(r, 12),
        SyncedAt = r.GetFieldValue<DateTimeOffset>(13),
        EventId = r.GetString(14),
        EventName = OrderRows.Text(r, 15),
        ShowId = OrderRows.Text(r, 16),
        ShowStartsAt = OrderRows.Instant(r, 17),
        Tickets = r.GetInt32(18),
        RefundedTickets = r.GetInt32(19),
        CustomerEmail = pii ? OrderRows.Text(r, 20) : PiiMask.Email(OrderRows.Text(r, 20)),
        CustomerPhone = pii ? OrderRows.Text(r, 21) : PiiMask.Phone(OrderRows.Text(r, 21)),
        CustomerName = pii ? OrderRows.Text(r, 22) : PiiMask.Name(OrderRows.Text(r, 22)),
        Deleted = r.GetBoolean(23),
        DeletedAt = OrderRows.Instant(r, 24),
        Vanished = r.GetBoolean(25),
        VanishedAt = OrderRows.Instant(r, 26),
    };
}
