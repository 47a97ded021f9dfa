using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// The durable accept, by group commit: requests queue their delivery and wait; one writer drains whatever is
/// queued (up to <c>Webhooks:AcceptBatchSize</c>) into a single multi-row INSERT, and only once that has committed
/// are the waiting requests released to answer 200. A failed batch fails every request in it, so nothing is
/// answered 200 that is not stored. Under load this turns thousands of one-row commits into a few large ones.
/// </summary>
public sealed partial class WebhookInbox : BackgroundService
{
    // Rejected rows never conflict: the unique index leaves them out so a forged copy cannot shadow a real one.
    private const string InsertSql = """
        INSERT INTO webhook_deliveries AS d
            (received_at, event_type, model_name, order_id, order_updated_at, signature_status, headers, body,
             body_sha256, status, response_status, reason, duplicate_count, last_duplicate_at, attempts, remote_ip)
        SELECT u.received_at, u.event_type, u.model_name, u.order_id, u.order_updated_at, u.signature_status,
               u.headers::jsonb, u.body, u.body_sha256, u.status, u.response_status, u.reason, u.duplicate_count,
               u.last_duplicate_at, 0, u.remote_ip
        FROM unnest(@received_at, @event_type, @model_name, @order_id, @order_updated_at, @signature_status, @headers,
                    @body, @body_sha256, @status, @response_status, @reason, @duplicate_count, @last_duplicate_at,
                    @remote_ip)
             AS u(received_at, event_type, model_name, order_id, order_updated_at, signature_status, headers, body,
                  body_sha256, status, response_status, reason, duplicate_count, last_duplicate_at, remote_ip)
        ON CONFLICT (event_type, body_sha256) WHERE status <> 'rejected' DO UPDATE SET
            duplicate_count = d.duplicate_count + 1 + excluded.duplicate_count,
            last_duplicate_at = COALESCE(excluded.last_duplicate_at, excluded.received_at)
        RETURNING d.id, d.event_type, d.body_sha256, d.status = 'rejected', d.xmax = 0
        """;

    private readonly Channel<PendingWrite> queue;
    private readonly NpgsqlDataSource dataSource;
    private readonly WebhookOptions options;
    private readonly WebhookApplySignal applySignal;
    private readonly ILogger<WebhookInbox> logger;

    public WebhookInbox(
        NpgsqlDataSource dataSource,
        IOptions<WebhookOptions> options,
        WebhookApplySignal applySignal,
        ILogger<WebhookInbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.dataSource = dataSource;
        this.options = options.Value;
        this.applySignal = applySignal;
        this.logger = logger;
        queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(this.options.AcceptQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// Completes once the delivery is committed. Deliberately not cancellable: once queued, the row is written
    /// whether or not the sender is still waiting, so its fate never depends on a dropped connection.
    /// </summary>
    /// <exception cref="WebhookInboxUnavailableException">It could not be stored; the sender must retry.</exception>
    public Task<InboxEntry> AcceptAsync(IncomingDelivery delivery)
    {
        var write = new PendingWrite(delivery);
        if (!queue.Writer.TryWrite(write))
        {
            throw new WebhookInboxUnavailableException("The webhook inbox is full or shutting down.");
        }
        return write.Completion.Task;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new deliveries; the loop still writes what is already queued.
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(options.AcceptBatchSize);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < options.AcceptBatchSize && queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }
            try
            {
                var entries = await WriteAsync(batch, stoppingToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(entries[i]);
                }
                applySignal.Notify();
            }
            catch (Exception exception)
            {
                // Whatever went wrong, no request may be left waiting for an answer.
                LogBatchFailed(logger, exception, batch.Count);
                var unavailable = new WebhookInboxUnavailableException("The webhook inbox could not be written.", exception);
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(unavailable);
                }
            }
        }
    }

    private async Task<InboxEntry[]> WriteAsync(List<PendingWrite> batch, CancellationToken cancellationToken)
    {
        var rows = Coalesce(batch, out var rowOfWrite);
        await using var command = dataSource.CreateCommand(InsertSql);
        AddColumn(command, "received_at", NpgsqlDbType.TimestampTz, rows, r => r.Delivery.ReceivedAt.ToUniversalTime());
        AddColumn(command, "event_type", NpgsqlDbType.Text, rows, r => r.Delivery.EventType);
        AddColumn(command, "model_name", NpgsqlDbType.Text, rows, r => r.Delivery.ModelName);
        AddColumn(command, "order_id", NpgsqlDbType.Bigint, rows, r => r.Delivery.OrderId);
        AddColumn(command, "order_updated_at", NpgsqlDbType.TimestampTz, rows, r => r.Delivery.OrderUpdatedAt?.ToUniversalTime());
        AddColumn(command, "signature_status", NpgsqlDbType.Text, rows, r => r.Delivery.SignatureStatus);
        AddColumn(command, "headers", NpgsqlDbType.Text, rows, r => r.Delivery.HeadersJson);
        AddColumn(command, "body", NpgsqlDbType.Text, rows, r => r.Delivery.Body);
        AddColumn(command, "body_sha256", NpgsqlDbType.Text, rows, r => r.Delivery.BodySha256);
        AddColumn(command, "status", NpgsqlDbType.Text, rows, r => r.Delivery.Status);
        AddColumn(command, "response_status", NpgsqlDbType.Integer, rows, r => r.Delivery.ResponseStatus);
        AddColumn(command, "reason", NpgsqlDbType.Text, rows, r => r.Delivery.Reason);
        AddColumn(command, "duplicate_count", NpgsqlDbType.Integer, rows, r => r.Repeats.Count);
        AddColumn(command, "last_duplicate_at", NpgsqlDbType.TimestampTz, rows,
            r => r.Repeats.Count == 0 ? (DateTimeOffset?)null : r.Repeats[^1].Delivery.ReceivedAt.ToUniversalTime());
        AddColumn(command, "remote_ip", NpgsqlDbType.Text, rows, r => r.Delivery.RemoteIp);

        // RETURNING promises no order, so rows are matched back by their key. Rejected rows are never merged;
        // two identical ones in a batch are interchangeable, so handing their ids out in turn is exact enough.
        var returned = new Dictionary<RowKey, Queue<(long Id, bool Inserted)>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new RowKey(reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
                if (!returned.TryGetValue(key, out var ids))
                {
                    returned[key] = ids = new Queue<(long, bool)>();
                }
                ids.Enqueue((reader.GetInt64(0), reader.GetBoolean(4)));
            }
        }

        var rowEntries = rows.Select(row =>
        {
            if (!returned.TryGetValue(row.Key, out var ids) || !ids.TryDequeue(out var written))
            {
                throw new InvalidOperationException("The inbox INSERT returned fewer rows than it was given.");
            }
            return written;
        }).ToArray();

        var entries = new InboxEntry[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var row = rows[rowOfWrite[i]];
            var written = rowEntries[rowOfWrite[i]];
            var isFirst = ReferenceEquals(row.First, batch[i]);
            entries[i] = new InboxEntry(written.Id, Duplicate: !written.Inserted || !isFirst);
        }
        return entries;
    }

    /// <summary>
    /// One statement cannot update the same row twice, so repeats of one delivery inside a batch are folded
    /// into a single row that carries their count.
    /// </summary>
    private static List<Row> Coalesce(List<PendingWrite> batch, out int[] rowOfWrite)
    {
        var rows = new List<Row>(batch.Count);
        var byKey = new Dictionary<RowKey, int>();
        rowOfWrite = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var delivery = batch[i].Delivery;
            var key = new RowKey(delivery.EventType, delivery.BodySha256, delivery.Status == DeliveryStatuses.Rejected);
            if (!key.Rejected && delivery.EventType is not null && byKey.TryGetValue(key, out var existing))
            {
                rows[existing].Repeats.Add(batch[i]);
                rowOfWrite[i] = existing;
                continue;
            }
            byKey[key] = rows.Count;
            rowOfWrite[i] = rows.Count;
            rows.Add(new Row(key, batch[i]));
        }
        return rows;
    }

    private static void AddColumn<T>(NpgsqlCommand command, string name, NpgsqlDbType type, List<Row> rows, Func<Row, T> value)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i] = value(rows[i]);
        }
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} webhook deliveries to the inbox; they are answered 503")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed class PendingWrite(IncomingDelivery delivery)
    {
        public IncomingDelivery Delivery { get; } = delivery;

        public TaskCompletionSource<InboxEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct RowKey(string? EventType, string BodySha256, bool Rejected);

    private sealed class Row(RowKey key, PendingWrite first)
    {
        public RowKey Key { get; } = key;
        public PendingWrite First { get; } = first;
        public IncomingDelivery Delivery => First.Delivery;
        public List<PendingWrite> Repeats { get; } = [];
    }
}
