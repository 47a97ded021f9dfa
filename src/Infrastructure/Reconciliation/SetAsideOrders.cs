using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Keeps the orders a reconcile page could not apply, in the delivery inbox beside the webhooks (event type
/// <c>reconcile</c>): quarantined ones (stamped too far ahead) for an operator to release, failed ones with their
/// reason, counted in the status, health and metrics like any failed delivery. The same payload seen again by a
/// later page is kept once.
/// </summary>
public sealed class SetAsideOrders(TimeProvider time)
{
    public const string EventType = "reconcile";

    private const string Sql = """
        INSERT INTO webhook_deliveries
            (received_at, event_type, model_name, order_id, order_updated_at, signature_status, headers, body,
             body_sha256, status, response_status, reason, duplicate_count, attempts, processed_at)
        VALUES (@now, @event_type, 'Order', @order_id, @updated_at, @signature, '{}'::jsonb, @body, @sha, @status,
                NULL, @reason, 0, @attempts, @now)
        ON CONFLICT (event_type, body_sha256) WHERE status <> 'rejected' DO NOTHING
        """;

    /// <param name="status"><see cref="DeliveryStatuses.Quarantined"/> or <see cref="DeliveryStatuses.Failed"/>.</param>
    public async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Order order, string status, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("event_type", EventType);
        command.Parameters.AddWithValue("order_id", order.Id);
        command.Parameters.AddWithValue("updated_at", order.SourceUpdatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("signature", SignatureStatuses.NotConfigured);
        command.Parameters.AddWithValue("body", order.Raw);
        command.Parameters.AddWithValue("sha", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(order.Raw))));
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("reason", reason);
        // A failed one has had its try: the applier retries it on the usual back-off, then leaves it failed.
        command.Parameters.AddWithValue("attempts", status == DeliveryStatuses.Failed ? 1 : 0);
        await command.ExecuteNonQueryAsync(ct);
    }
}
