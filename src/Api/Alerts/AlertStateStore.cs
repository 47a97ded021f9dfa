using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Alerts;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// Claims the right to send a message in <c>alert_states</c>. The claim is one conditional UPDATE: when
/// several instances judge the same condition at once, PostgreSQL makes the second wait for the first's row
/// lock and re-checks the WHERE clause against the updated row, so it matches nothing and sends nothing.
/// </summary>
public sealed class AlertStateStore(NpgsqlDataSource dataSource)
{
    private const string EnsureRow = """
        INSERT INTO alert_states (key, account, rule, fired_count) VALUES ($1, $2, $3, 0) ON CONFLICT (key) DO NOTHING
        """;

    // A first "fired" starts an episode; a repeat needs the last message to be at least RepeatEvery old.
    private const string ClaimFired = """
        UPDATE alert_states
        SET fired_at = CASE WHEN last_message = 'fired' THEN fired_at ELSE $2 END,
            fired_count = CASE WHEN last_message = 'fired' THEN fired_count + 1 ELSE 1 END,
            last_message = 'fired', notified_at = $2, detail = $4
        WHERE key = $1 AND (last_message IS DISTINCT FROM 'fired' OR notified_at <= $2 - $3)
        RETURNING fired_at, fired_count
        """;

    private const string ClaimResolved = """
        UPDATE alert_states SET last_message = 'resolved', notified_at = $2, detail = $4
        WHERE key = $1 AND last_message = 'fired'
        RETURNING fired_at, fired_count
        """;

    /// <summary>The message this instance must send for <paramref name="condition"/>, or null.</summary>
    public async Task<AlertMessage?> ClaimAsync(AlertCondition condition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = $"{condition.Account}:{condition.Kind}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var ensure = new NpgsqlCommand(EnsureRow, connection))
        {
            ensure.Parameters.Add(Text(key));
            ensure.Parameters.Add(Text(condition.Account));
            ensure.Parameters.Add(Text(condition.Kind));
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var claim = new NpgsqlCommand(condition.Active ? ClaimFired : ClaimResolved, connection);
        claim.Parameters.Add(Text(key));
        claim.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        claim.Parameters.Add(new NpgsqlParameter { Value = condition.Rule.RepeatEvery, NpgsqlDbType = NpgsqlDbType.Interval });
        claim.Parameters.Add(Text(condition.Detail));
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var since = reader.GetFieldValue<DateTimeOffset>(0);
        var count = reader.GetInt32(1);
        return new AlertMessage(condition.Account, condition.Kind,
            condition.Active ? AlertMessageKinds.Fired : AlertMessageKinds.Resolved,
            condition.Active && count > 1, since, now, condition.Detail);
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };
}
