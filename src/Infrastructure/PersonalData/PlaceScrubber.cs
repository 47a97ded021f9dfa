using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// Rewrites every <see cref="ErasurePlaces"/> entry for the targets already in the <c>erase_*</c> temporary
/// tables: reads the selected rows by key (locking them), scrubs them in memory and writes back only the rows that
/// change. Erasure of one person and retention of ended events differ only in how they fill the targets.
/// </summary>
internal static class PlaceScrubber
{
    /// <summary>Rows changed per place.</summary>
    public static async Task<Dictionary<string, int>> ScrubAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var place in ErasurePlaces.All)
        {
            counts[place.Name] = await ScrubAsync(connection, transaction, place, new PersonalScrub(terms, place.Whole), cancellationToken);
        }
        return counts;
    }

    private static async Task<int> ScrubAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ErasurePlace place, PersonalScrub scrub, CancellationToken cancellationToken)
    {
        var scrubbed = place.JsonColumns.Concat(place.TextColumns).ToList();
        var anyNulled = place.Nulled.Count == 0 ? "false" : string.Join(" OR ", place.Nulled.Select(c => $"{c} IS NOT NULL"));
        var select = $"SELECT ctid::text, ({anyNulled}){string.Concat(scrubbed.Select(c => $", {c}::text"))} FROM {place.Table} WHERE {place.Where} FOR UPDATE";
        var rows = new List<(string Ctid, string?[] Values)>();
        await using (var read = new NpgsqlCommand(select, connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var hasNulled = reader.GetBoolean(1);
                var before = new string?[scrubbed.Count];
                var after = new string?[scrubbed.Count];
                for (var i = 0; i < scrubbed.Count; i++)
                {
                    before[i] = reader.IsDBNull(i + 2) ? null : reader.GetString(i + 2);
                    after[i] = i < place.JsonColumns.Count ? scrub.Json(before[i]) : scrub.Text(before[i]);
                }
                if (hasNulled || !before.SequenceEqual(after))
                {
                    rows.Add((reader.GetString(0), after));
                }
            }
        }
        var sets = place.Nulled.Select(c => $"{c} = NULL").Concat(scrubbed.Select((c, i) => $"{c} = @v{i}"));
        var update = $"UPDATE {place.Table} SET {string.Join(", ", sets)} WHERE ctid = @ctid::tid";
        foreach (var (ctid, values) in rows)
        {
            await using var write = new NpgsqlCommand(update, connection, transaction);
            write.Parameters.Add(new NpgsqlParameter("ctid", ctid));
            for (var i = 0; i < values.Length; i++)
            {
                // Unknown lets the server take the column's own type (jsonb or text) for the scrubbed text.
                write.Parameters.Add(new NpgsqlParameter($"v{i}", NpgsqlDbType.Unknown) { Value = (object?)values[i] ?? DBNull.Value });
            }
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        return rows.Count;
    }
}
