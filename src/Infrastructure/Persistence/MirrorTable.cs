using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// A mirror table as a set-based upsert writes it: rows keyed by <c>(account_id, id)</c>, the columns of an
/// <see cref="UnnestSet{T}"/>, the version its merge guard compares, and the columns the statement fills itself.
/// The statement shapes every upsert shares are built here once (the incoming rows, the stored rows by key of
/// ADR 0013, the <c>INSERT … ON CONFLICT … WHERE newer</c>, the test for a row the mirror holds newer), so an
/// upserter states only its table, its columns and its version.
/// </summary>
/// <param name="table">The table's name.</param>
/// <param name="alias">The alias the statement gives the stored row (<c>o</c> for an order).</param>
/// <param name="columns">The columns as sent; the first is the key, <c>id</c>.</param>
internal sealed class MirrorTable<T>(string table, string alias, UnnestSet<T> columns)
{
    public UnnestSet<T> Columns => columns;

    /// <summary>
    /// The version columns, compared as a row: an incoming row overwrites a stored one whose version is lower or
    /// equal, never a higher one (ADR 0002 for QTickets, 0009 for Ticketscloud). None: the payload alone decides.
    /// </summary>
    public IReadOnlyList<string> Version { get; init; } = [];

    /// <summary>
    /// A newer version of the same payload is written too: an observation (ADR 0009) moves <c>observed_at</c> on,
    /// so a slower, older observation of other content cannot win afterwards. Otherwise a payload the mirror
    /// already holds is left alone.
    /// </summary>
    public bool WritesNewerSamePayload { get; init; }

    /// <summary>Columns the statement fills itself, after the sent ones: <c>synced_at</c> and whatever the table adds.</summary>
    public IReadOnlyList<FilledColumn> Filled { get; init; } = [FilledColumn.SyncedAt];

    /// <summary>
    /// The guard of <c>ON CONFLICT … DO UPDATE</c>: the stored version is not newer, and there is something to
    /// write (another payload, or with <see cref="WritesNewerSamePayload"/> a newer version of the same one).
    /// </summary>
    public string Guard
    {
        get
        {
            var differs = $"{alias}.raw IS DISTINCT FROM excluded.raw";
            if (Version.Count == 0)
            {
                return differs;
            }
            var stored = VersionOf(alias);
            var incoming = VersionOf("excluded");
            return WritesNewerSamePayload
                ? $"{stored} <= {incoming} AND ({differs} OR {stored} < {incoming})"
                : $"{stored} <= {incoming} AND {differs}";
        }
    }

    /// <summary>The version columns of row <paramref name="row"/> as one row value, <c>(o.source_updated_at, o.source_progress)</c>.</summary>
    public string VersionOf(string row) => $"({string.Join(", ", Version.Select(c => $"{row}.{c}"))})";

    /// <summary>A condition true when stored row <paramref name="stored"/> holds a newer version than <paramref name="incoming"/>: the incoming one is stale.</summary>
    public string HoldsNewer(string stored, string incoming) => $"{stored}.id IS NOT NULL AND {VersionOf(stored)} > {VersionOf(incoming)}";

    /// <summary>The batch's rows typed as their columns, for a CTE: <c>incoming AS ({Incoming})</c>.</summary>
    public string Incoming => $"SELECT {columns.Selects} FROM {columns.From}";

    /// <summary>The batch's rows with their 1-based input position <c>n</c>, for a statement that answers every input row.</summary>
    public string IncomingNumbered => $"SELECT {columns.Selects}, u.n FROM {columns.FromNumbered}";

    /// <summary>
    /// The stored rows of the batch's keys (<see cref="StoredRowsSql.ByKey"/>), for a CTE <c>prior</c>: read in the
    /// statement's snapshot, before its own writes, so they are what was replaced.
    /// </summary>
    /// <param name="stored">The stored columns read, qualified by the table's alias.</param>
    /// <param name="keys">A FROM item with an <c>id</c> column; the sent keys by default.</param>
    public string Prior(string stored, string? keys = null) =>
        StoredRowsSql.ByKey(keys ?? StoredRowsSql.Keys(columns.KeyParameter), table, alias, stored, "@account_id");

    /// <summary>
    /// <c>INSERT … ON CONFLICT (account_id, id) DO UPDATE</c> of the rows of <paramref name="rows"/>, in key order
    /// (so concurrent batches lock rows in one order and cannot deadlock), every column but the key overwritten.
    /// </summary>
    /// <param name="rows">A FROM clause whose rows, aliased <c>src</c>, have the sent columns by name; it may join and filter.</param>
    /// <param name="guarded">Overwrite only where <see cref="Guard"/> allows; a child row (a ticket) is written whenever its parent is.</param>
    /// <param name="returning">A RETURNING clause, if the statement reads what was written.</param>
    public string Upsert(string rows, bool guarded = true, string? returning = null) => $"""
        INSERT INTO {table} AS {alias} (account_id, {columns.Names}, {string.Join(", ", Filled.Select(f => f.Name))})
        SELECT @account_id, {columns.NamesOf("src")}, {string.Join(", ", Filled.Select(f => f.Value))}
        FROM {rows}
        ORDER BY src.id
        ON CONFLICT (account_id, id) DO UPDATE SET
            {columns.Updates(",\n    ")},
            {string.Join(",\n    ", Filled.Select(f => $"{f.Name} = {f.Update}"))}
        {(guarded ? $"WHERE {Guard}" : "")}
        {returning}
        """;

    /// <summary>The batch upserted on its own, a statement of its own: a catalog page, the events a page refers to.</summary>
    public string UpsertBatch => $"""
        WITH incoming AS (
            {Incoming}
        )
        {Upsert("incoming src")}
        """;

    /// <summary>
    /// The upsert's command: the batch as <see cref="UnnestSet{T}.AddParameters"/> sends it, the account
    /// (<c>@account_id</c>) and the write's time (<c>@synced_at</c>).
    /// </summary>
    public NpgsqlCommand Command(
        string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, DateTimeOffset syncedAt, IReadOnlyList<T> rows)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        columns.AddParameters(command, rows);
        command.Parameters.Add(new NpgsqlParameter<int>("account_id", accountId));
        command.Parameters.Add(new NpgsqlParameter("synced_at", syncedAt));
        return command;
    }
}

/// <summary>A column the upsert statement fills itself rather than sends.</summary>
/// <param name="Name">The column.</param>
/// <param name="Value">What a new row gets: an expression over the sent row <c>src</c> or a parameter.</param>
/// <param name="Update">What an overwritten row gets: usually <c>excluded.</c> the name.</param>
internal sealed record FilledColumn(string Name, string Value, string Update)
{
    public FilledColumn(string name, string value) : this(name, value, $"excluded.{name}")
    {
    }

    /// <summary>When the mirror wrote the row.</summary>
    public static readonly FilledColumn SyncedAt = new("synced_at", "@synced_at");
}
