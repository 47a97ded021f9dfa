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
}
