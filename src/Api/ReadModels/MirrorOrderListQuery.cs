using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// The statement of a list of <c>mirror.orders</c>, index-driven: each platform's table first picks the page's keys
/// itself — its filters on its own columns, the cursor bound and the LIMIT on the (created_at, account_id, id)
/// indexes, (account_id, created_at, id) when one account is asked for — the two key lists are merged in the
/// list's order, and only those rows are read from the view, once (<see cref="MirrorSql.OrdersOfKeys"/>).
/// Reading the view first would compute
/// every order's ticket aggregates and sort them all (its sort key, the account name and constant platform, is in
/// no index). Filters that only the view computes (the one-vocabulary status, show_id) are checked on each picked
/// key against the view's row for it, so they mean exactly what the view says.
/// </summary>
internal static class MirrorOrderListQuery
{
    private const string KeyOrder = "created_at DESC, platform DESC, account_id DESC, qtickets_id DESC, ticketscloud_id DESC";

    /// <summary>Writes the statement's parameters into <paramref name="command"/> and returns its text.</summary>
    /// <remarks>The rows are the view's <paramref name="columns"/> followed by the order's account id.</remarks>
    public static string Build(NpgsqlCommand command, OrderFilter filter, int limit, string columns)
    {
        var parameters = new Parameters(command);
        var sides = new[] { Qtickets, Ticketscloud }.Select(side => Side(side, filter, parameters));
        parameters.Add("limit", limit, NpgsqlDbType.Integer);
        return $"""
            WITH keys AS (
                {string.Join("\nUNION ALL\n", sides.Select(s => $"({s})"))}
                ORDER BY {KeyOrder} LIMIT @limit
            ),
            {MirrorSql.OrdersOfKeys("v", "keys", columns)}
            SELECT v.*, k.account_id
            FROM keys k
            JOIN accounts a ON a.id = k.account_id
            JOIN v ON v.account = a.name AND v.platform = k.platform AND v.order_id = k.order_id
            ORDER BY k.created_at DESC, k.platform DESC, k.account_id DESC, k.qtickets_id DESC, k.ticketscloud_id DESC
            """;
    }

    /// <summary>A QTickets id (of an order or an event) as its tables key it, or null when the text is no such id.</summary>
    /// <remarks>Only the canonical text of a number, so that it matches exactly what <c>id::text</c> matches.</remarks>
    public static long? QticketsId(string id) =>
        long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        && value.ToString(CultureInfo.InvariantCulture) == id ? value : null;

    /// <summary>How one platform's table maps to the view's columns.</summary>
    private sealed record Platform(
        string Name, string Table, string KeyColumns, string PaidAt, string? UpdatedAt, string Email, bool HasShows,
        Func<string, object?> NativeId, NpgsqlDbType IdType);

    private static readonly Platform Qtickets = new(
        MirrorPlatforms.Qtickets, "qtickets_orders", "o.id AS qtickets_id, NULL::text AS ticketscloud_id",
        "o.payed_at", "o.updated_at", "o.client_email", HasShows: true, id => QticketsId(id), NpgsqlDbType.Bigint);

    private static readonly Platform Ticketscloud = new(
        MirrorPlatforms.Ticketscloud, "ticketscloud_orders", "NULL::bigint AS qtickets_id, o.id::text AS ticketscloud_id",
        "o.done_at", null, "o.customer_email", HasShows: false, id => id, NpgsqlDbType.Text);

    private static string Side(Platform side, OrderFilter filter, Parameters parameters)
    {
        var p = side.Name;
        var where = new List<string>();
        if (filter.Platforms is { } platforms && !platforms.Contains(p))
        {
            where.Add("false");
        }
        if (filter.Accounts.Ids is [var one])
        {
            // Equality (not = ANY) lets the (account_id, created_at, id) index give the order itself.
            where.Add($"o.account_id = {parameters.Add("account", one, NpgsqlDbType.Integer)}");
        }
        else if (filter.Accounts.Ids is not null)
        {
            where.Add($"o.account_id = ANY({parameters.Add("accounts", filter.Accounts.Ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)})");
        }
        if (filter.EventId is { } eventId)
        {
            // The native key reaches the (event_id, created_at, ...) indexes; an id the table cannot hold matches nothing.
            where.Add(side.NativeId(eventId) is { } native
                ? $"o.event_id = {parameters.Add($"event_id_{p}", native, side.IdType)}"
                : "false");
        }
        if (filter.Paid is { } paid) where.Add(paid ? $"{side.PaidAt} IS NOT NULL" : $"{side.PaidAt} IS NULL");
        if (filter.CreatedFrom is { } createdFrom) where.Add($"o.created_at >= {parameters.Add("created_from", createdFrom, NpgsqlDbType.TimestampTz)}");
        if (filter.CreatedTo is { } createdTo) where.Add($"o.created_at < {parameters.Add("created_to", createdTo, NpgsqlDbType.TimestampTz)}");
        if (filter.PaidFrom is { } paidFrom) where.Add($"{side.PaidAt} >= {parameters.Add("paid_from", paidFrom, NpgsqlDbType.TimestampTz)}");
        if (filter.PaidTo is { } paidTo) where.Add($"{side.PaidAt} < {parameters.Add("paid_to", paidTo, NpgsqlDbType.TimestampTz)}");
        if (filter.UpdatedFrom is not null || filter.UpdatedTo is not null)
        {
            // The view's updated_at is NULL where the platform sends none, so no range holds it.
            if (side.UpdatedAt is null)
            {
                where.Add("false");
            }
            else
            {
                if (filter.UpdatedFrom is { } updatedFrom) where.Add($"{side.UpdatedAt} >= {parameters.Add("updated_from", updatedFrom, NpgsqlDbType.TimestampTz)}");
                if (filter.UpdatedTo is { } updatedTo) where.Add($"{side.UpdatedAt} < {parameters.Add("updated_to", updatedTo, NpgsqlDbType.TimestampTz)}");
            }
        }
        if (filter.ClientEmail is { } email) where.Add($"{side.Email} = {parameters.Add("client_email", email, NpgsqlDbType.Text)}");
        if (filter.ShowId is not null && !side.HasShows)
        {
            where.Add("false");
        }
        var ofView = new List<string>();
        if (filter.Statuses is { } statuses) ofView.Add($"v.status = ANY({parameters.Add("statuses", statuses.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        if (filter.ShowId is { } showId) ofView.Add($"v.show_id = {parameters.Add("show_id", showId, NpgsqlDbType.Text)}");
        if (ofView.Count > 0)
        {
            // A scalar subquery, not EXISTS: a semi-join would be planned as a scan of the whole view, while the
            // subquery gets this order's key as constants and reads the view's one row for it by index.
            where.Add($"""
                (SELECT {string.Join(" AND ", ofView)} FROM mirror.orders v
                 WHERE v.account = (SELECT name::text FROM accounts WHERE id = o.account_id) AND v.platform = '{p}'
                   AND v.order_id = o.id::text)
                """);
        }
        if (filter.After is { } after)
        {
            var at = parameters.Add("after_created_at", after.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            // Platform sorts before account in the list: at the cursor's instant the other platform's orders are
            // all before the cursor (when it sorts higher) or all after it.
            where.Add(string.CompareOrdinal(p, after.Platform) switch
            {
                0 => $"(o.created_at, o.account_id, o.id) < ({at}, {parameters.Add("after_account_id", after.AccountId, NpgsqlDbType.Integer)}, "
                     + $"{parameters.Add($"after_{p}_id", side.NativeId(after.Id) ?? DBNull.Value, side.IdType)})",
                < 0 => $"o.created_at <= {at}",
                > 0 => $"o.created_at < {at}",
            });
        }
        var sql = $"SELECT o.created_at, '{p}'::text AS platform, o.account_id, {side.KeyColumns}, o.id::text AS order_id FROM {side.Table} o";
        if (where.Count > 0)
        {
            sql += " WHERE " + string.Join(" AND ", where);
        }
        return sql + " ORDER BY o.created_at DESC, o.account_id DESC, o.id DESC LIMIT @limit";
    }

    /// <summary>Named parameters shared by both sides: each is added once, however many sides use it.</summary>
    private sealed class Parameters(NpgsqlCommand command)
    {
        public string Add(string name, object value, NpgsqlDbType type)
        {
            if (!command.Parameters.Contains(name))
            {
                command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            }
            return "@" + name;
        }
    }
}
