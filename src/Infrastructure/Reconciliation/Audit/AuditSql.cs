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
}
