using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Api.Health;

/// <summary>Deliveries that did not make it into the mirror, counted once for health, status and metrics alike.</summary>
public sealed record WebhookFailureCounts(long Failed, long Dead, long Quarantined, DateTimeOffset? OldestFailureReceivedAt)
{
    // Each count is an index range scan on (status, id); these statuses are rare by design.
    private const string Sql = """
        SELECT (SELECT count(*) FROM webhook_deliveries WHERE status = $1),
               (SELECT count(*) FROM webhook_deliveries WHERE status = $2),
               (SELECT count(*) FROM webhook_deliveries WHERE status = $3),
               (SELECT min(received_at) FROM webhook_deliveries WHERE status = $1)
        """;

    public static async Task<WebhookFailureCounts> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = DeliveryStatuses.Failed, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = DeliveryStatuses.Dead, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = DeliveryStatuses.Quarantined, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new WebhookFailureCounts(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }
}
