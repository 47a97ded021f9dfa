using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Changes;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>What a feed read found: a page, or that the cursor points before what retention kept.</summary>
public sealed record ChangeFeedRead(ChangePageDto? Page, bool CursorExpired);

/// <summary>
/// Order history and the change feed (ADR 0016). The feed reads in feed order from the cursor, numbering what has
/// committed first (<see cref="ChangeFeedSequencer"/>); history reads one order's changes by position, newest
/// first, including any not numbered yet. Each change carries the order as <c>mirror.orders</c> shows it now.
/// </summary>
public sealed class ChangeReader([FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource dataSource, ChangeFeedSequencer sequencer, IOptions<ChangeFeedOptions> options)
{
    private const string Columns = """
        c.feed_position, a.name, c.platform, c.order_id, c.types, c.version_at, c.source, c.source_id, c.learned_at, c.changes::text,
        m.account, m.platform, m.order_id, m.status, m.currency, m.total, m.ticket_revenue, m.service_fees, m.discount,
        m.refunded_amount, m.created_at, m.paid_at, m.updated_at, m.synced_at, m.event_id, m.event_name, m.show_id,
        m.show_starts_at, m.tickets, m.refunded_tickets, m.customer_email, m.customer_phone, m.customer_name, m.deleted,
        m.deleted_at, m.vanished, m.vanished_at
        """;

    private const string StateJoin = """
        JOIN accounts a ON a.id = c.account_id
        LEFT JOIN LATERAL (
            SELECT * FROM mirror.orders m WHERE m.account = a.name::text AND m.platform = c.platform AND m.order_id = c.order_id LIMIT 1
        ) m ON true
        """;

    private const int StateOffset = 10;

    /// <summary>
    /// The changes after <see cref="ChangeFeedFilter.After"/>, oldest first; <see cref="ChangeFeedRead.CursorExpired"/>
    /// when changes the cursor had not reached were already deleted by retention.
    /// </summary>
    public async Task<ChangeFeedRead> PageAsync(ChangeFeedFilter filter, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await sequencer.SequenceAsync(options.Value.SequenceBatch, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (filter.After > 0)
        {
            await using var oldest = new NpgsqlCommand("SELECT min(feed_position) FROM order_changes WHERE feed_position IS NOT NULL", connection);
            if (await oldest.ExecuteScalarAsync(cancellationToken) is long first && first > filter.After + 1)
            {
                return new ChangeFeedRead(null, true);
            }
        }
        await using var command = new NpgsqlCommand { Connection = connection };
        var conditions = new List<string> { "c.feed_position > @after" };
        command.Parameters.Add(new NpgsqlParameter("after", filter.After));
        command.Parameters.Add(new NpgsqlParameter("limit", filter.Limit + 1));
        if (filter.Accounts.Condition(command, "c.account_id") is { } accounts)
        {
            conditions.Add(accounts);
        }
        if (filter.Platform is { } platform)
        {
            conditions.Add("c.platform = @platform");
            command.Parameters.Add(new NpgsqlParameter("platform", platform));
        }
        if (filter.Type is { } type)
        {
            conditions.Add("@type = ANY(c.types)");
            command.Parameters.Add(new NpgsqlParameter("type", type));
        }
        command.CommandText = $"""
            SELECT {Columns}
            FROM (SELECT * FROM order_changes c WHERE {string.Join(" AND ", conditions)} ORDER BY c.feed_position LIMIT @limit) c
            {StateJoin}
            ORDER BY c.feed_position
            """;
        var items = await ReadAsync(command, pii, cancellationToken);
        var more = items.Count > filter.Limit;
        if (more)
        {
            items.RemoveAt(filter.Limit);
        }
        var last = items.Count > 0 ? items[^1].Id!.Value : filter.After;
        return new ChangeFeedRead(new ChangePageDto { Items = items, NextCursor = new ChangeCursor(last).Encode(), HasMore = more }, false);
    }

    /// <summary>Every kept change of one order, newest first; null when there is none.</summary>
    public async Task<OrderHistoryDto?> HistoryAsync(int accountId, string orderId, bool pii, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
            FROM order_changes c
            {StateJoin}
            WHERE c.account_id = @account AND c.order_id = @order
            ORDER BY c.position DESC
            """);
        command.Parameters.Add(new NpgsqlParameter("account", accountId));
        command.Parameters.Add(new NpgsqlParameter("order", orderId));
        var items = await ReadAsync(command, pii, cancellationToken);
        return items.Count == 0 ? null : new OrderHistoryDto { Order = items[0].Order, Items = items };
    }

    private static async Task<List<OrderChangeDto>> ReadAsync(NpgsqlCommand command, bool pii, CancellationToken cancellationToken)
    {
        var items = new List<OrderChangeDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var types = reader.GetFieldValue<string[]>(4);
            items.Add(new OrderChangeDto
            {
                Id = reader.IsDBNull(0) ? null : reader.GetInt64(0),
                Account = reader.GetString(1),
                Platform = reader.GetString(2),
                OrderId = reader.GetString(3),
                Types = types,
                Type = types[0],
                VersionAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                Source = reader.GetString(6),
                SourceId = reader.IsDBNull(7) ? null : reader.GetString(7),
                LearnedAt = reader.GetFieldValue<DateTimeOffset>(8),
                Changes = Changes(reader.GetString(9), pii),
                Order = reader.IsDBNull(StateOffset) ? null : MirrorOrderReader.Read(reader, pii, StateOffset),
            });
        }
        return items;
    }

    /// <summary>
    /// The stored <c>changes</c>; without <c>read:pii</c> the before and after of each customer field (e-mail,
    /// phone, names) masked as everywhere else.
    /// </summary>
    private static JsonElement Changes(string json, bool pii)
    {
        var node = JsonNode.Parse(json)!;
        if (!pii && node["fields"] is JsonObject fields)
        {
            foreach (var (key, value) in fields.ToList())
            {
                if (value is not JsonObject change || Masker(key) is not { } mask)
                {
                    continue;
                }
                foreach (var side in new[] { "before", "after" })
                {
                    if (change[side] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        change[side] = mask(text);
                    }
                }
            }
        }
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static Func<string, string?>? Masker(string field) =>
        field.Contains("email", StringComparison.Ordinal) ? PiiMask.Email
        : field.Contains("phone", StringComparison.Ordinal) ? PiiMask.Phone
        : field.EndsWith("name", StringComparison.Ordinal) ? PiiMask.Name
        : null;
}
