using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Infrastructure.Changes;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>What a feed read found: a page, or that the cursor points before what retention kept.</summary>
public sealed record ChangeFeedRead(ChangePageDto? Page, bool CursorExpired);

/// <summary>
/// Order history and the change feed (ADR 0016). The feed reads in feed order from the cursor, numbering what has
/// committed first (<see cref="ChangeFeedSequencer"/>); history reads one order's changes by position, newest
/// first, including any not numbered yet. Each change carries the order as that change left it (ADR 0023).
/// </summary>
public sealed class ChangeReader([FromKeyedServices(ReadDataSource.Key)] NpgsqlDataSource dataSource, ChangeFeedSequencer sequencer, IOptions<ChangeFeedOptions> options)
{
    /// <summary>The change's columns, then its order's in <see cref="MirrorOrderReader.Columns"/>' order (null when it has no state).</summary>
    private static readonly string Columns = $"""
        c.feed_position, a.name, c.platform, c.order_id, c.types, c.version_at, c.source, c.source_id, c.learned_at, c.changes::text,
        CASE WHEN s.position IS NOT NULL THEN a.name::text END, c.platform, c.order_id, {MirrorSql.OrderStateColumnsOf("s")}
        """;

    /// <summary>
    /// The statement reading <paramref name="changes"/> (a SELECT of <c>order_changes c</c> rows) with each change's
    /// order as that change left it: its <c>order_change_states</c> row, in <c>mirror.orders</c>' columns.
    /// Those rows were written with the changes, in the same order, so a page's states lie on a few pages of their
    /// own; reading the view instead cost a page of 500 changes 500 order lookups and ticket aggregates, most of
    /// them not in memory when a consumer catches up (ADR 0023).
    /// </summary>
    private static string WithOrderState(string changes) => $"""
        WITH c AS MATERIALIZED ({changes})
        SELECT {Columns}
        FROM c
        JOIN accounts a ON a.id = c.account_id
        LEFT JOIN order_change_states s ON s.position = c.position
        """;

    private const int StateOffset = 10;

    /// <summary>
    /// One order's changes, <c>@account</c> and <c>@order</c>; the account's platform is named so the lookup walks
    /// the index (account_id, platform, order_id, position) rather than all of an account's changes.
    /// </summary>
    private const string OneOrder = """
        c.account_id = @account AND c.platform = (SELECT p.platform FROM accounts p WHERE p.id = @account) AND c.order_id = @order
        """;

    /// <summary>
    /// The changes after <see cref="ChangeFeedFilter.After"/>, oldest first; <see cref="ChangeFeedRead.CursorExpired"/>
    /// when changes the cursor had not reached were already deleted by retention.
    /// </summary>
    public async Task<ChangeFeedRead> PageAsync(ChangeFeedFilter filter, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await sequencer.SequenceAsync(options.Value.SequenceBatch, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        var conditions = new List<string> { "c.feed_position > @after" };
        command.Parameters.Add(new NpgsqlParameter("after", filter.After));
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
        // The limit is written into the text (a validated number): with it a parameter, the server planned every
        // page anew, since a generic plan without the limit's value looked dearer than a custom one.
        command.CommandText = WithOrderState(
            $"SELECT * FROM order_changes c WHERE {string.Join(" AND ", conditions)} ORDER BY c.feed_position LIMIT {filter.Limit + 1}")
            + " ORDER BY c.feed_position";
        var items = await ReadAsync(command, pii, cancellationToken);
        // Feed positions are given without holes, so a page that starts right after the cursor proves nothing after it was
        // deleted; only otherwise (a filtered feed, the head of the feed, or retention) is the oldest kept one read.
        if (filter.After > 0 && (items.Count == 0 || items[0].Id != filter.After + 1))
        {
            await using var oldest = new NpgsqlCommand("SELECT min(feed_position) FROM order_changes WHERE feed_position IS NOT NULL", connection);
            if (await oldest.ExecuteScalarAsync(cancellationToken) is long first && first > filter.After + 1)
            {
                return new ChangeFeedRead(null, true);
            }
        }
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
        await using var command = dataSource.CreateCommand(
            WithOrderState($"SELECT * FROM order_changes c WHERE {OneOrder}") + " ORDER BY c.position DESC");
        command.Parameters.Add(new NpgsqlParameter("account", accountId));
        command.Parameters.Add(new NpgsqlParameter("order", orderId));
        var items = await ReadAsync(command, pii, cancellationToken);
        return items.Count == 0 ? null : new OrderHistoryDto { Order = items[0].Order, Items = items };
    }

    /// <summary>
    /// The changes of one order that its commands <paramref name="commandIds"/> caused (source <c>command</c>, the
    /// command's id as reference), newest first, per command; a command that changed nothing has none.
    /// </summary>
    public async Task<ILookup<long, OrderChangeDto>> CausedByCommandsAsync(
        int accountId, string orderId, IReadOnlyCollection<long> commandIds, bool pii, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandIds);
        if (commandIds.Count == 0)
        {
            return Array.Empty<OrderChangeDto>().ToLookup(_ => 0L);
        }
        await using var command = dataSource.CreateCommand(
            WithOrderState($"SELECT * FROM order_changes c WHERE {OneOrder} AND c.source = '{ChangeSources.Command}' AND c.source_id = ANY(@commands)")
            + " ORDER BY c.position DESC");
        command.Parameters.Add(new NpgsqlParameter("account", accountId));
        command.Parameters.Add(new NpgsqlParameter("order", orderId));
        command.Parameters.Add(new NpgsqlParameter("commands", commandIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()));
        var items = await ReadAsync(command, pii, cancellationToken);
        return items.ToLookup(i => long.Parse(i.SourceId!, CultureInfo.InvariantCulture));
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
    /// <remarks>
    /// The stored text is copied as it is, and only the masked values are replaced in it: a feed page masks 500 of
    /// these, and building, editing, writing and parsing a JSON tree for each, or even rewriting every token, took
    /// more time than reading the page.
    /// </remarks>
    private static RawJson Changes(string json, bool pii)
    {
        var input = Encoding.UTF8.GetBytes(json);
        if (pii)
        {
            return new RawJson(input);
        }
        ArrayBufferWriter<byte>? output = null;
        var copied = 0;
        var reader = new Utf8JsonReader(input);
        var inFields = false;
        Func<string, string?>? mask = null;
        var masked = false;
        while (reader.Read())
        {
            // A string is masked only as the value of the property right before it.
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                masked = false;
            }
            switch (reader.TokenType)
            {
                // {"fields": {"<field>": {"before": …, "after": …}}, "tickets": {"added": […], …}}
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    inFields = reader.ValueTextEquals("fields"u8);
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 2:
                    mask = inFields ? Masker(reader.GetString()!) : null;
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 3:
                    masked = mask is not null && (reader.ValueTextEquals("before"u8) || reader.ValueTextEquals("after"u8));
                    break;
                case JsonTokenType.String when masked && reader.CurrentDepth == 3:
                    output ??= new ArrayBufferWriter<byte>(input.Length);
                    output.Write(input.AsSpan(copied, (int)reader.TokenStartIndex - copied));
                    if (mask!(reader.GetString()!) is { } shown)
                    {
                        output.Write("\""u8);
                        output.Write(JsonEncodedText.Encode(shown).EncodedUtf8Bytes);
                        output.Write("\""u8);
                    }
                    else
                    {
                        output.Write("null"u8);
                    }
                    copied = (int)reader.BytesConsumed;
                    break;
            }
        }
        if (output is null)
        {
            return new RawJson(input);
        }
        output.Write(input.AsSpan(copied));
        return new RawJson(output.WrittenMemory);
    }

    private static Func<string, string?>? Masker(string field) =>
        field.Contains("email", StringComparison.Ordinal) ? PiiMask.Email
        : field.Contains("phone", StringComparison.Ordinal) ? PiiMask.Phone
        : field.EndsWith("name", StringComparison.Ordinal) ? PiiMask.Name
        : null;
}
