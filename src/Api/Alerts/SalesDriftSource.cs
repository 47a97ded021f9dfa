using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Sync;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// How many daily sales rows the latest finished drift check found differing from a full recompute
/// (<c>sales_drift</c> runs); null until one has run.
/// </summary>
public sealed class SalesDriftSource(NpgsqlDataSource dataSource)
{
    public async Task<long?> DriftRowsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sales_rows_differing FROM sync_runs
            WHERE kind = $1 AND status = $2 ORDER BY finished_at DESC, id DESC LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = SyncRunKinds.SalesDrift, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = SyncRunStatuses.Succeeded, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
