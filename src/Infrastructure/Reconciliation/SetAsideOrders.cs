using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Keeps the orders a reconcile page could not apply, in the delivery inbox beside the webhooks (event type
/// <c>reconcile</c>): quarantined ones (stamped too far ahead) for an operator to release, failed ones with their
/// reason, rows that cannot even be read as failed ones with an excerpt of their text, counted in the status,
/// health and metrics like any failed delivery. The same payload seen again by a later page is kept once.
/// </summary>
public sealed class SetAsideOrders(TimeProvider time, IOptions<WebhookOptions> webhooks)
{
    public const string EventType = "reconcile";

    private const string Sql = """
        INSERT INTO webhook_deliveries
            (account_id, received_at, event_type, model_name, order_id, order_updated_at, signature_status, headers, body,
             body_sha256, status, response_status, reason, duplicate_count, attempts, processed_at)
        VALUES (@account, @now, @event_type, 'Order', @order_id, @updated_at, @signature, '{}'::jsonb, @body, @sha, @status,
                NULL, @reason, 0, @attempts, @now)
        ON CONFLICT (account_id, event_type, body_sha256) WHERE status <> 'rejected' DO NOTHING
        """;

    /// <param name="status"><see cref="DeliveryStatuses.Quarantined"/> or <see cref="DeliveryStatuses.Failed"/>.</param>
    public Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, Order order, string status, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        // A failed one has had its try: the applier retries it on the usual back-off, then leaves it failed.
        var attempts = status == DeliveryStatuses.Failed ? 1 : 0;
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(order.Raw)));
        return InsertAsync(connection, transaction, accountId, order.Id, order.SourceUpdatedAt.ToUniversalTime(), order.Raw, sha, status, reason, attempts, ct);
    }

    /// <summary>A row that cannot be read is kept as failed with its excerpt.</summary>
    /// <remarks>
    /// It is stored as out of tries: the same text can never be read by retrying, and a retry of a cut excerpt
    /// would only replace the reason with "not valid JSON". An admin can still retry it through the API.
    /// </remarks>
    public Task RecordUnreadableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, UnreadableRow row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        return InsertAsync(connection, transaction, accountId, row.Id, null, row.Excerpt, row.Sha256, DeliveryStatuses.Failed,
            $"cannot be read: {row.Reason}", webhooks.Value.MaxApplyAttempts, ct);
    }

    private async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, long? orderId, DateTimeOffset? updatedAt, string body,
        string sha, string status, string reason, int attempts, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("event_type", EventType);
        command.Parameters.AddWithValue("order_id", orderId is { } id ? id : DBNull.Value);
        command.Parameters.AddWithValue("updated_at", updatedAt is { } stamp ? stamp : DBNull.Value);
        command.Parameters.AddWithValue("signature", SignatureStatuses.NotConfigured);
        // The body is evidence of what was refused: it must fit text whatever it holds.
        command.Parameters.AddWithValue("body", StorableText.Of(body));
        command.Parameters.AddWithValue("sha", sha);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("reason", StorableText.Of(reason));
        command.Parameters.AddWithValue("attempts", attempts);
        await command.ExecuteNonQueryAsync(ct);
    }
}
