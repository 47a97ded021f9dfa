using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>What one retention pass removed.</summary>
public readonly record struct RetentionResult(long Deleted, long Redacted);

/// <summary>
/// Applies <see cref="WebhookRetentionOptions"/> to the inbox, in batches (<see cref="BatchedStatement"/>).
/// Idempotent: a pass that stops midway is finished by the next.
/// </summary>
public sealed partial class WebhookRetention(
    NpgsqlDataSource dataSource,
    IOptions<WebhookRetentionOptions> options,
    TimeProvider time,
    ILogger<WebhookRetention> logger)
{
    /// <summary>The body left in place of a blanked one: says what happened, holds no person.</summary>
    public const string RedactedBody = "(removed by retention: personal data)";

    private const string DeleteSql = """
        DELETE FROM webhook_deliveries WHERE id IN (
            SELECT id FROM webhook_deliveries
            WHERE (status IN ('applied', 'dead') AND received_at < @applied_before)
               OR (status = 'rejected' AND received_at < @rejected_before)
            LIMIT @batch)
        """;

    private const string RedactSql = """
        UPDATE webhook_deliveries SET body = @redacted, headers = '{}'::jsonb
        WHERE id IN (
            SELECT id FROM webhook_deliveries
            WHERE status IN ('applied', 'dead', 'rejected', 'flagged') AND received_at < @pii_before
              AND body <> @redacted
            LIMIT @batch)
        """;

    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var deleted = await BatchedStatement.RepeatAsync(dataSource, DeleteSql, command =>
        {
            command.Parameters.AddWithValue("applied_before", now.AddDays(-settings.AppliedDays));
            command.Parameters.AddWithValue("rejected_before", now.AddDays(-settings.RejectedDays));
        }, cancellationToken);
        var redacted = await BatchedStatement.RepeatAsync(dataSource, RedactSql, command =>
        {
            command.Parameters.AddWithValue("pii_before", now.AddDays(-settings.PersonalDataDays));
            command.Parameters.AddWithValue("redacted", RedactedBody);
        }, cancellationToken);
        LogPass(deleted, redacted);
        return new RetentionResult(deleted, redacted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook retention: {Deleted} deliveries deleted, {Redacted} bodies blanked")]
    private partial void LogPass(long deleted, long redacted);
}
