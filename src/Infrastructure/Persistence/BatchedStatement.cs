using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Runs a statement that changes at most <c>@batch</c> rows (a <c>LIMIT @batch</c> subquery picks them) again until a
/// run changes fewer: how retention passes work, so that none holds long locks or builds one huge transaction. Each
/// batch commits on its own, so a pass that stops midway is finished by the next.
/// </summary>
public static class BatchedStatement
{
    /// <summary>Rows one run of the statement changes at the most.</summary>
    public const int BatchSize = 5_000;

    /// <summary>Repeats <paramref name="sql"/>, with <paramref name="bind"/>'s parameters and <c>@batch</c>; the rows changed in all.</summary>
    public static async Task<long> RepeatAsync(
        NpgsqlDataSource dataSource, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(sql);
            bind(command);
            command.Parameters.AddWithValue("batch", BatchSize);
            var affected = await command.ExecuteNonQueryAsync(cancellationToken);
            total += affected;
            if (affected < BatchSize)
            {
                return total;
            }
        }
    }
}
