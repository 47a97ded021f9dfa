namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// How an upsert reads the rows it is about to overwrite (ADR 0013): by every key column, one key at a time, in
/// a LATERAL subquery the planner cannot flatten (<c>OFFSET 0</c>) into a join or an <c>account_id</c> condition
/// it may turn into a scan of the account's rows. With the statistics of a young table it did, and each batch
/// cost time in proportion to the table. Both platforms' upserts read stored rows through here.
/// </summary>
public static class StoredRowsSql
{
    /// <summary>
    /// The rows of <paramref name="table"/> (alias <paramref name="alias"/>) whose <paramref name="keyColumn"/> is
    /// one of <paramref name="keys"/>' <c>id</c> column, under account <paramref name="account"/>.
    /// </summary>
    /// <param name="keys">A FROM item with an <c>id</c> column: <c>unnest(@o0) AS k(id)</c>, or a CTE such as <c>rewritten k</c>.</param>
    /// <param name="columns">The stored columns read, with <paramref name="alias"/>.</param>
    /// <param name="also">Any further condition on the stored row.</param>
    public static string ByKey(string keys, string table, string alias, string columns, string account, string keyColumn = "id", string? also = null) => $"""
        SELECT {alias}.*
            FROM {keys}
            CROSS JOIN LATERAL (
                SELECT {columns} FROM {table} {alias}
                WHERE {alias}.account_id = {account} AND {alias}.{keyColumn} = k.id{(also is null ? "" : $" AND {also}")} OFFSET 0) {alias}
        """;

    /// <summary>The keys of an <see cref="UnnestSet{T}"/>'s batch as a FROM item for <see cref="ByKey"/>.</summary>
    public static string Keys(string keyParameter) => $"unnest({keyParameter}) AS k(id)";
}
