using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// The columns of one set-based write and the SQL fragments they imply: a batch travels as one array parameter
/// per column (<see cref="AddParameters"/>) and comes back as rows from <see cref="From"/>. Every multi-row
/// write (orders, baskets, clients, catalog, the webhook inbox) is built from this, so parameter names, the
/// column list and the <c>unnest</c> call cannot drift apart.
/// </summary>
/// <param name="prefix">Prefix of the array parameters; distinct per set when one statement holds several.</param>
/// <param name="columns">The columns; the first is the key, left out of <see cref="Updates"/>.</param>
internal sealed class UnnestSet<T>(string prefix, params UnnestColumn<T>[] columns)
{
    /// <summary>The column names, comma-separated, for an INSERT column list.</summary>
    public string Names { get; } = string.Join(", ", columns.Select(c => c.Name));

    /// <summary>The unnested values as their columns' types (<c>u.raw::jsonb</c>), comma-separated.</summary>
    public string Selects { get; } = string.Join(", ", columns.Select(c => c.Select));

    /// <summary><c>unnest(@p0, @p1, …) AS u(name0, name1, …)</c>.</summary>
    public string From { get; } =
        $"unnest({string.Join(", ", columns.Select((_, i) => $"@{prefix}{i}"))}) AS u({string.Join(", ", columns.Select(c => c.Name))})";

    /// <summary>
    /// <see cref="From"/> with each row's 1-based position in the batch as column <c>n</c>, for a statement that
    /// reports on every input row, or tells apart several rows with the same key.
    /// </summary>
    public string FromNumbered { get; } =
        $"unnest({string.Join(", ", columns.Select((_, i) => $"@{prefix}{i}"))}) WITH ORDINALITY AS u({string.Join(", ", columns.Select(c => c.Name))}, n)";

    /// <summary>
    /// The key column's array parameter (<c>@p0</c>), for conditions such as <c>id = ANY(@p0)</c>: an index
    /// condition on every key column, which the planner takes whatever its statistics say.
    /// </summary>
    public string KeyParameter { get; } = $"@{prefix}0";

    /// <summary><c>name = excluded.name</c> for every column but the key, for ON CONFLICT … DO UPDATE.</summary>
    public string Updates(string separator = ", ") =>
        string.Join(separator, columns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));

    /// <summary>The column names with a table alias (<c>ib.id, ib.order_id, …</c>).</summary>
    public string NamesOf(string alias) => string.Join(", ", columns.Select(c => $"{alias}.{c.Name}"));

    public void AddParameters(NpgsqlCommand command, IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(columns[i].CreateParameter($"{prefix}{i}", rows));
        }
    }
}
