using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Changes;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// The pieces the upserts use to write order history (<c>order_changes</c>) in the very statement that changes
/// the mirror: one more INSERT … SELECT off the rows their <see cref="BusinessContent"/> comparison already found
/// changed, so a duplicate, a stale copy or a refresh writes nothing and the hot path pays no extra round trip.
/// </summary>
public static class OrderChangeSql
{
    /// <summary>
    /// The CTE <c>change_refs(order_id, id, n)</c>: per-order references (webhook deliveries) given by
    /// <see cref="AddParameters"/>; <c>n</c> is the input row a reference belongs to, or null for the order's
    /// every row. Join it with <see cref="RefOf"/>.
    /// </summary>
    public const string RefsCte = """
        change_refs AS (
            SELECT * FROM unnest(@change_order_ids::text[], @change_ids::text[], @change_rows::bigint[]) r(order_id, id, n)
        )
        """;

    /// <summary>The join condition of <c>change_refs r</c> for order key <paramref name="orderId"/> written from input row <paramref name="row"/>.</summary>
    public static string RefOf(string orderId, string? row = null) =>
        row is null ? $"r.order_id = {orderId}" : $"r.order_id = {orderId} AND (r.n IS NULL OR r.n = {row})";

    /// <summary>The head of the history insert; the select supplies these columns in this order.</summary>
    public const string Insert =
        "INSERT INTO order_changes (account_id, platform, order_id, types, version_at, source, source_id, learned_at, changes)";

    /// <summary>The reference of one order's change: its own (a delivery) or the batch's (a run, a command).</summary>
    public const string SourceId = "coalesce(r.id, @change_id)";

    /// <summary>
    /// A jsonb object of the <paramref name="columns"/> whose value differs between rows <paramref name="before"/>
    /// and <paramref name="after"/>, each as <c>{"before": …, "after": …}</c>; for a new order every field it has.
    /// Values compare as jsonb, as <see cref="BusinessContent.Differs"/> compares them: 100.00 equals 100.
    /// </summary>
    public static string FieldDiff(IReadOnlyList<string> columns, string before, string after)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var rows = string.Join(",\n                ", columns.Select(c => $"('{c.Trim('"')}', to_jsonb({before}.{c}), to_jsonb({after}.{c}))"));
        return $"""
            (SELECT coalesce(jsonb_object_agg(f.k, jsonb_build_object('before', f.b, 'after', f.a)), '{"{}"}'::jsonb)
             FROM (VALUES {rows}) f(k, b, a) WHERE f.b IS DISTINCT FROM f.a)
            """;
    }

    /// <summary>
    /// The change's types: each of <paramref name="cases"/> whose condition holds, in the order given (the most
    /// telling first), or <see cref="OrderChangeTypes.Changed"/> when none does.
    /// </summary>
    public static string Types(params (string Type, string When)[] cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var items = string.Join(",\n                ", cases.Select(c => $"CASE WHEN {c.When} THEN '{c.Type}' END"));
        return $"""
            coalesce(nullif(array_remove(ARRAY[{items}]::text[], NULL), '{"{}"}'), ARRAY['{OrderChangeTypes.Changed}'])
            """;
    }

    /// <summary>
    /// The history insert of an order upsert: one row for each order whose business content changed (CTE
    /// <c>business_changed</c>), from its incoming row (<c>incoming i</c>), the row it replaced (<c>prior p</c>) and
    /// its ticket changes (<c>ticket_delta td</c>), under account <c>@account_id</c>.
    /// </summary>
    /// <param name="platform">The platform the order id belongs to.</param>
    /// <param name="orderId">The order id as text, from <c>i</c>.</param>
    /// <param name="versionAt">The incoming row's version stamp, from <c>i</c>.</param>
    /// <param name="content">The order's business content columns (<see cref="BusinessContent"/>), diffed into <c>fields</c>.</param>
    /// <param name="reference">The join condition of <c>change_refs r</c> (<see cref="RefOf"/>).</param>
    /// <param name="types">The change's types (<see cref="Types"/>).</param>
    public static string RecordChangedOrders(
        string platform, string orderId, string versionAt, IReadOnlyList<string> content, string reference, params (string Type, string When)[] types) => $"""
        {Insert}
        SELECT @account_id, '{platform}', {orderId},
               {Types(types)},
               {versionAt}, @change_source, {SourceId}, @synced_at,
               jsonb_build_object('fields', {FieldDiff(content, "p", "i")}, 'tickets', {Tickets("td")})
        FROM business_changed bc
        JOIN incoming i ON i.id = bc.id
        LEFT JOIN prior p ON p.id = bc.id
        LEFT JOIN ticket_delta td ON td.order_id = bc.id
        LEFT JOIN change_refs r ON {reference}
        ORDER BY bc.id
        RETURNING 1
        """;

    /// <summary>The <c>tickets</c> object from a row <paramref name="delta"/> with text[] columns added, refunded, scanned, deleted.</summary>
    public static string Tickets(string delta) => $"""
        jsonb_build_object('added', coalesce(to_jsonb({delta}.added), '[]'), 'refunded', coalesce(to_jsonb({delta}.refunded), '[]'),
                           'scanned', coalesce(to_jsonb({delta}.scanned), '[]'), 'deleted', coalesce(to_jsonb({delta}.deleted), '[]'))
        """;

    /// <summary>The parameters of <see cref="RefsCte"/>, <see cref="SourceId"/> and <c>@change_source</c>.</summary>
    public static void AddParameters(NpgsqlCommand command, ChangeOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(origin);
        List<(string OrderId, string Id, long? Row)> refs =
        [
            .. (origin.IdPerOrder ?? new Dictionary<string, string>()).Select(r => (r.Key, r.Value, (long?)null)),
            .. (origin.IdPerRow ?? []).Select((r, i) => (r.OrderId, r.Id, (long?)(i + 1))),
        ];
        command.Parameters.Add(new NpgsqlParameter("change_source", origin.Source));
        command.Parameters.Add(new NpgsqlParameter("change_id", NpgsqlDbType.Text) { Value = (object?)origin.Id ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("change_order_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = refs.Select(r => r.OrderId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("change_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = refs.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("change_rows", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = refs.Select(r => r.Row).ToArray() });
    }
}
