using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>SQL fragments every platform's audit builds its comparison from, over the <see cref="BusinessContent"/> lists.</summary>
internal static class AuditSql
{
    /// <summary>
    /// A jsonb array of <c>{"field", "mirror", "platform"}</c>, one element per column of <paramref name="columns"/>
    /// in which <paramref name="mirror"/> and <paramref name="platform"/> differ (compared as
    /// <see cref="BusinessContent.Differs"/> does); null when none does.
    /// </summary>
    public static string Differences(IReadOnlyList<string> columns, string mirror, string platform)
    {
        var elements = columns.Select(c =>
            $"CASE WHEN {mirror}.{c} IS DISTINCT FROM {platform}.{c} THEN jsonb_build_object('field', '{c.Trim('"')}', " +
            $"'mirror', to_jsonb({mirror}.{c}), 'platform', to_jsonb({platform}.{c})) END");
        return $"(SELECT jsonb_agg(d) FROM unnest(ARRAY[{string.Join(", ", elements)}]::jsonb[]) AS d WHERE d IS NOT NULL)";
    }

    /// <summary>
    /// The <c>differs</c> findings of the orders in <paramref name="settled"/> (an <c>id</c> column): a select of
    /// <c>entity, kind, order_id, ticket_id, fields</c> over the mirror's and the platform's order rows.
    /// </summary>
    public static string OrderDiffers(IReadOnlyList<string> columns, string settled, string mirror, string platform) => $"""
        SELECT '{AuditEntities.Order}', '{AuditFindingKinds.Differs}', p.id, NULL, {Differences(columns, "m", "p")}
        FROM {settled} s JOIN {platform} p ON p.id = s.id JOIN {mirror} m ON m.id = s.id
        WHERE {BusinessContent.Differs(columns, "m", "p")}
        """;

    /// <summary>
    /// The ticket findings between two relations of live tickets (<c>order_id, id</c> and <paramref name="columns"/>)
    /// of the same orders: one the mirror lacks, one the platform no longer lists, one that differs.
    /// </summary>
    public static string TicketFindings(IReadOnlyList<string> columns, string mirror, string platform) => $"""
        SELECT '{AuditEntities.Ticket}',
               CASE WHEN m.id IS NULL THEN '{AuditFindingKinds.MissingInMirror}' WHEN p.id IS NULL THEN '{AuditFindingKinds.GoneUpstream}' ELSE '{AuditFindingKinds.Differs}' END,
               coalesce(m.order_id, p.order_id), coalesce(m.id, p.id),
               CASE WHEN m.id IS NOT NULL AND p.id IS NOT NULL THEN {Differences(columns, "m", "p")} END
        FROM {mirror} m FULL JOIN {platform} p ON p.order_id = m.order_id AND p.id = m.id
        WHERE m.id IS NULL OR p.id IS NULL OR {BusinessContent.Differs(columns, "m", "p")}
        """;

    /// <summary>
    /// Creates <paramref name="platform"/>: the newest answer per id of <paramref name="listed"/> (by
    /// <paramref name="version"/>, the platform's merge order, then the later answer).
    /// </summary>
    public static string Newest(string listed, string platform, string version) => $"""
        CREATE TEMP TABLE {platform} AS
            SELECT DISTINCT ON (id) * FROM {listed} ORDER BY id, {version}, seq DESC;
        """;

    /// <summary>Creates <paramref name="platformChildren"/>: the rows of <paramref name="listedChildren"/> that came with each order's newest answer.</summary>
    public static string ChildrenOfNewest(string listedChildren, string platformChildren, string platform) => $"""
        CREATE TEMP TABLE {platformChildren} AS
            SELECT c.* FROM {listedChildren} c JOIN {platform} o ON o.id = c.order_id AND o.seq = c.seq;
        """;

    /// <summary>
    /// The findings CTEs of <paramref name="sides"/>, ending in <c>findings</c> (<c>entity, kind, order_id,
    /// ticket_id, fields</c>): orders the mirror lacks, orders the platform no longer lists, orders that differ and
    /// their tickets — each only where it is not in flight. <see cref="InFlight"/> counts the rest.
    /// </summary>
    public static string Findings(AuditSides sides)
    {
        ArgumentNullException.ThrowIfNull(sides);
        return $"""
            matched AS ({sides.Matched}),
            settled AS (SELECT id FROM matched WHERE NOT in_flight),
            mirror_children AS (
                SELECT c.order_id, c.id, {BusinessContent.Columns(sides.ChildColumns, "c")} FROM {sides.MirrorChildren} c
                WHERE c.account_id = @account AND c.order_id IN (SELECT id FROM settled) AND c.vanished_at IS NULL
            ),
            platform_children AS (
                SELECT c.* FROM {sides.PlatformChildren} c WHERE c.order_id IN (SELECT id FROM settled)
            ),
            unmirrored AS ({sides.Unmirrored}),
            unlisted AS ({sides.Unlisted}),
            findings AS (
                SELECT '{AuditEntities.Order}' AS entity, '{AuditFindingKinds.MissingInMirror}' AS kind, id AS order_id, NULL::{sides.ChildIdType} AS ticket_id, NULL::jsonb AS fields
                FROM unmirrored WHERE NOT in_flight
                UNION ALL
                SELECT '{AuditEntities.Order}', '{AuditFindingKinds.GoneUpstream}', id, NULL, NULL FROM unlisted WHERE NOT in_flight
                UNION ALL
                {OrderDiffers(sides.OrderColumns, "settled", sides.Mirror, sides.Platform)}
                UNION ALL
                {TicketFindings(sides.ChildColumns, "mirror_children", "platform_children")}
            )
            """;
    }

    /// <summary>A scalar over the <see cref="Findings"/> CTEs: the orders left out of them as in flight.</summary>
    public const string InFlight = """
        (SELECT count(*) FROM matched WHERE in_flight)
        + (SELECT count(*) FROM unmirrored WHERE in_flight)
        + (SELECT count(*) FROM unlisted WHERE in_flight)
        """;
}
