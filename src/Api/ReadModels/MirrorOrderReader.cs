using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Orders of both platforms read from the <c>mirror.orders</c> view, so the API and SQL users see one read model.
/// A list picks its page's keys from the platforms' tables first (<see cref="MirrorOrderListQuery"/>); a lookup
/// by id is pushed into both sides of the view's UNION ALL and reaches each table's key.
/// </summary>
public sealed class MirrorOrderReader([FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource dataSource)
{
    /// <summary>Rows an export reads per statement: each is an index-driven page, the API's largest.</summary>
    private const int ExportPageSize = QueryText.MaxLimit;

    internal const string Columns = $"account, platform, order_id, {MirrorSql.OrderStateColumns}";

    private const string OfAccounts = "account IN (SELECT name FROM accounts WHERE id = ANY(@accounts))";

    public async Task<MirrorOrderPageDto> PageAsync(OrderFilter filter, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var items = new List<MirrorOrderDto>(filter.Limit + 1);
        var positions = new List<MirrorOrderCursor>(filter.Limit + 1);
        await foreach (var (order, position) in ListAsync(null, filter, filter.Limit + 1, pii, cancellationToken))
        {
            items.Add(order);
            positions.Add(position);
        }
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(filter.Limit);
            next = positions[filter.Limit - 1].Encode();
        }
        if (filter.IncludeRaw && items.Count > 0)
        {
            items = await WithPlatformFieldsAsync(items, pii, cancellationToken);
        }
        return new MirrorOrderPageDto { Items = items, NextCursor = next };
    }

    /// <summary>
    /// Every order matching the filter, newest first, read row by row; <paramref name="limit"/> null for all, read
    /// page by page in one snapshot so that an export is as consistent as a single statement.
    /// </summary>
    public async IAsyncEnumerable<MirrorOrderDto> StreamAsync(
        OrderFilter filter, int? limit, bool pii, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var page = filter;
        var left = limit;
        while (left is not 0)
        {
            var take = Math.Min(left ?? ExportPageSize, ExportPageSize);
            var read = 0;
            await foreach (var (order, position) in ListAsync(connection, page, take, pii, cancellationToken))
            {
                read++;
                page = page with { After = position };
                yield return order;
            }
            if (read < take)
            {
                break;
            }
            left -= read;
        }
    }

    /// <summary>The orders of one page, each with its position in the list's order (for the next page's cursor).</summary>
    private async IAsyncEnumerable<(MirrorOrderDto Order, MirrorOrderCursor Position)> ListAsync(
        NpgsqlConnection? connection, OrderFilter filter, int limit, bool pii, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection?.CreateCommand() ?? dataSource.CreateCommand();
        command.CommandText = MirrorOrderListQuery.Build(command, filter, limit, Columns);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var order = Read(reader, pii);
            yield return (order, new MirrorOrderCursor(order.CreatedAt, order.Platform, reader.GetInt32(27), order.Id));
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

    /// <summary>A row of <see cref="Columns"/> read from column <paramref name="at"/> on (the change feed reads it after its own).</summary>
    internal static MirrorOrderDto Read(NpgsqlDataReader r, bool pii, int at = 0) => new()
    {
        Account = r.GetString(at + 0),
        Platform = r.GetString(at + 1),
        Id = r.GetString(at + 2),
        Status = r.GetString(at + 3),
        Currency = OrderRows.Text(r, at + 4),
        Total = r.GetDecimal(at + 5),
        TicketRevenue = r.GetDecimal(at + 6),
        ServiceFees = r.GetDecimal(at + 7),
        Discount = r.GetDecimal(at + 8),
        RefundedAmount = r.GetDecimal(at + 9),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(at + 10),
        PaidAt = OrderRows.Instant(r, at + 11),
        UpdatedAt = OrderRows.Instant(r, at + 12),
        SyncedAt = r.GetFieldValue<DateTimeOffset>(at + 13),
        EventId = r.GetString(at + 14),
        EventName = OrderRows.Text(r, at + 15),
        ShowId = OrderRows.Text(r, at + 16),
        ShowStartsAt = OrderRows.Instant(r, at + 17),
        Tickets = r.GetInt32(at + 18),
        RefundedTickets = r.GetInt32(at + 19),
        CustomerEmail = pii ? OrderRows.Text(r, at + 20) : PiiMask.Email(OrderRows.Text(r, at + 20)),
        CustomerPhone = pii ? OrderRows.Text(r, at + 21) : PiiMask.Phone(OrderRows.Text(r, at + 21)),
        CustomerName = pii ? OrderRows.Text(r, at + 22) : PiiMask.Name(OrderRows.Text(r, at + 22)),
        Deleted = r.GetBoolean(at + 23),
        DeletedAt = OrderRows.Instant(r, at + 24),
        Vanished = r.GetBoolean(at + 25),
        VanishedAt = OrderRows.Instant(r, at + 26),
    };
}
