using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Keeps the orders a reconcile page could not apply, in the delivery inbox beside the webhooks (event type
/// <c>reconcile</c>): quarantined ones (stamped too far ahead) for an operator to release, failed ones with their
/// reason, rows that cannot even be read as failed ones with an excerpt of their text, counted in the status,
/// health and metrics like any failed delivery. The same payload seen again by a later page is kept once.
/// Every platform's rows are kept here alike; the platform says how a row is described (<see cref="SetAsideRow"/>).
/// </summary>
public sealed class SetAsideOrders(TimeProvider time, IOptions<SetAsideOptions> options)
{
    public const string EventType = "reconcile";

    private const string Sql = """
        INSERT INTO webhook_deliveries
            (account_id, received_at, event_type, model_name, order_id, order_updated_at, signature_status, headers, body,
             body_sha256, status, response_status, reason, duplicate_count, attempts, processed_at)
        VALUES (@account, @now, @event_type, @model, @order_id, @updated_at, @signature, '{}'::jsonb, @body, @sha, @status,
                NULL, @reason, 0, @attempts, @now)
        ON CONFLICT (account_id, event_type, body_sha256) WHERE status <> 'rejected' DO NOTHING
        """;

    /// <param name="status"><see cref="DeliveryStatuses.Quarantined"/> or <see cref="DeliveryStatuses.Failed"/>.</param>
    public Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, SetAsideRow row, string status, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        // A failed one has had its try: the applier retries it on the usual back-off, then leaves it failed; one
        // the applier cannot apply is kept as out of tries, for an operator to see and discard.
        var attempts = status != DeliveryStatuses.Failed ? 0 : row.Retryable ? 1 : options.Value.MaxApplyAttempts;
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row.Body)));
        return InsertAsync(connection, transaction, accountId, row.Model, row.OrderId, row.UpdatedAt?.ToUniversalTime(), row.Body, sha, status, reason, attempts, ct);
    }

    /// <summary>A row that cannot be read is kept as failed with its excerpt.</summary>
    /// <remarks>
    /// It is stored as out of tries: the same text can never be read by retrying, and a retry of a cut excerpt
    /// would only replace the reason with "not valid JSON". An admin can still retry it through the API.
    /// </remarks>
    public Task RecordUnreadableAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, string model, UnreadableRow row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        return InsertAsync(connection, transaction, accountId, model, row.Id, null, row.Excerpt, row.Sha256, DeliveryStatuses.Failed,
            $"cannot be read: {row.Reason}", options.Value.MaxApplyAttempts, ct);
    }

    private async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int accountId, string model, long? orderId, DateTimeOffset? updatedAt, string body,
        string sha, string status, string reason, int attempts, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("event_type", EventType);
        command.Parameters.AddWithValue("model", model);
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

/// <summary>How a platform describes one row it sets aside.</summary>
/// <param name="Model">What the row is (<c>Order</c>, a Ticketscloud <c>refund_request</c>): the inbox's model name.</param>
/// <param name="Key">The row's id as the platform writes it, for the log.</param>
/// <param name="OrderId">The order's numeric id, where the platform has one (QTickets); the inbox column is numeric.</param>
/// <param name="UpdatedAt">The platform's own change stamp of the row, where it has one.</param>
/// <param name="Body">The row's raw payload, kept as the evidence an operator replays.</param>
public sealed record SetAsideRow(string Model, string Key, long? OrderId, DateTimeOffset? UpdatedAt, string Body)
{
    /// <summary>
    /// The webhook applier can apply the row when it is retried or replayed (a QTickets order); a row it cannot
    /// (a Ticketscloud one, which its reconcile lists again) is kept out of tries.
    /// </summary>
    public bool Retryable { get; init; } = true;
}
