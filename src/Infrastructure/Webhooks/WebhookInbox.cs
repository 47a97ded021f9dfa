using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;

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
    private static readonly UnnestSet<Row> InsertColumns = new("i",
    [
        UnnestColumn.Int<Row>("account_id", r => r.Delivery.AccountId),
        UnnestColumn.Time<Row>("received_at", r => r.Delivery.ReceivedAt),
        UnnestColumn.Text<Row>("event_type", r => r.Delivery.EventType),
        UnnestColumn.Text<Row>("model_name", r => r.Delivery.ModelName),
        UnnestColumn.BigInt<Row>("order_id", r => r.Delivery.OrderId),
        UnnestColumn.Time<Row>("order_updated_at", r => r.Delivery.OrderUpdatedAt),
        UnnestColumn.Text<Row>("signature_status", r => r.Delivery.SignatureStatus),
        UnnestColumn.Json<Row>("headers", r => r.Delivery.HeadersJson),
        UnnestColumn.Text<Row>("body", r => r.Delivery.Body),
        UnnestColumn.Text<Row>("body_sha256", r => r.Delivery.BodySha256),
        UnnestColumn.Text<Row>("status", r => r.Delivery.Status),
        UnnestColumn.Int<Row>("response_status", r => r.Delivery.ResponseStatus),
        UnnestColumn.Text<Row>("reason", r => r.Delivery.Reason),
        UnnestColumn.Int<Row>("duplicate_count", r => r.Repeats.Count),
        UnnestColumn.Time<Row>("last_duplicate_at", r => r.Repeats.Count == 0 ? null : r.Repeats[^1].Delivery.ReceivedAt),
        UnnestColumn.Text<Row>("remote_ip", r => r.Delivery.RemoteIp),
    ]);

    // Rejected rows never conflict: the unique index leaves them out so a forged copy cannot shadow a real one.
    private static readonly string InsertSql = $"""
        INSERT INTO webhook_deliveries AS d ({InsertColumns.Names}, attempts)
        SELECT {InsertColumns.Selects}, 0 FROM {InsertColumns.From}
        ON CONFLICT (account_id, event_type, body_sha256) WHERE status <> 'rejected' DO UPDATE SET
            duplicate_count = d.duplicate_count + 1 + excluded.duplicate_count,
            last_duplicate_at = COALESCE(excluded.last_duplicate_at, excluded.received_at)
        RETURNING d.id, d.event_type, d.body_sha256, d.status = 'rejected', d.xmax = 0, d.remote_ip, d.reason, d.account_id
        """;

    /// <summary>A refused row to fold into a recent identical one; <c>Ord</c> is its index in the batch.</summary>
    private readonly record struct Refusal(int Ord, Row Row);

    private static readonly UnnestSet<Refusal> RefusalColumns = new("r",
    [
        UnnestColumn.Int<Refusal>("ord", r => r.Ord),
        UnnestColumn.Int<Refusal>("account_id", r => r.Row.Delivery.AccountId),
        UnnestColumn.Text<Refusal>("event_type", r => r.Row.Delivery.EventType),
        UnnestColumn.Text<Refusal>("body_sha256", r => r.Row.Delivery.BodySha256),
        UnnestColumn.Text<Refusal>("remote_ip", r => r.Row.Delivery.RemoteIp),
        UnnestColumn.Text<Refusal>("reason", r => r.Row.Delivery.Reason),
        UnnestColumn.Int<Refusal>("n", r => 1 + r.Row.Repeats.Count),
        UnnestColumn.Time<Refusal>("last_at", r => (r.Row.Repeats.Count == 0 ? r.Row.Delivery : r.Row.Repeats[^1].Delivery).ReceivedAt),
    ]);

    // Refusals repeat (a scanner, a misconfigured sender): an identical one from the same address within
    // Webhooks:RefusalCoalesceWindow only counts on the row already there. The received_at bound keeps this to an
    // index range scan over recent rows.
    private static readonly string CoalesceRefusalsSql = $"""
        WITH u AS (
            SELECT * FROM {RefusalColumns.From}
        ),
        m AS (
            SELECT u.ord, u.n, u.last_at,
                   (SELECT d.id FROM webhook_deliveries d
                    WHERE d.received_at >= @since AND d.status = 'rejected' AND d.body_sha256 = u.body_sha256
                      AND d.account_id = u.account_id
                      AND d.event_type IS NOT DISTINCT FROM u.event_type AND d.remote_ip IS NOT DISTINCT FROM u.remote_ip
                      AND d.reason IS NOT DISTINCT FROM u.reason
                    ORDER BY d.id DESC LIMIT 1) AS target
            FROM u
        )
        UPDATE webhook_deliveries d
        SET duplicate_count = d.duplicate_count + m.n, last_duplicate_at = m.last_at
        FROM m WHERE d.id = m.target
        RETURNING m.ord, d.id
        """;

    private readonly Channel<PendingWrite> queue;
    private readonly NpgsqlDataSource dataSource;
    private readonly WebhookOptions options;
    private readonly WebhookApplySignal applySignal;
    private readonly InboxPressure pressure;
    private readonly ILogger<WebhookInbox> logger;
    private readonly TimeProvider time;
    private long queuedBytes;

    public WebhookInbox(
        NpgsqlDataSource dataSource,
        IOptions<WebhookOptions> options,
        WebhookApplySignal applySignal,
        InboxPressure pressure,
        TimeProvider time,
        ILogger<WebhookInbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.dataSource = dataSource;
        this.options = options.Value;
        this.applySignal = applySignal;
        this.pressure = pressure;
        this.logger = logger;
        this.time = time;
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
        // Bounded in bytes as well as in count: a few thousand 1 MB bodies would exhaust memory long before
        // the count limit.
        // A delivery alone in the queue is always taken, however large: the limit bounds the backlog, not one body.
        var queued = Interlocked.Add(ref queuedBytes, write.Bytes);
        if (queued > options.AcceptQueueMaxBytes && queued != write.Bytes)
        {
            Interlocked.Add(ref queuedBytes, -write.Bytes);
            throw new WebhookInboxUnavailableException("The webhook inbox holds too many bytes waiting to be written.");
        }
        if (!queue.Writer.TryWrite(write))
        {
            Interlocked.Add(ref queuedBytes, -write.Bytes);
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
            pressure.Committing(batch.Count);
            await WriteBatchAsync(batch, stoppingToken);
            Interlocked.Add(ref queuedBytes, -batch.Sum(w => w.Bytes));
        }
    }

    /// <summary>
    /// Writes the batch in one transaction. A row the database refuses is left out under a savepoint
    /// (<see cref="RefusalIsolation"/>) and fails only its own requests; anything else (the database out of reach,
    /// a failed commit) fails every request of the batch, so nothing is answered 200 that is not stored.
    /// </summary>
    private async Task WriteBatchAsync(List<PendingWrite> batch, CancellationToken stoppingToken)
    {
        try
        {
            var outcomes = await WriteAsync(batch, stoppingToken);
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Entry is { } entry)
                {
                    batch[i].Completion.TrySetResult(entry);
                }
                else
                {
                    batch[i].Completion.TrySetException(new WebhookInboxUnavailableException("The webhook inbox refused the delivery.", outcomes[i].Refusal!));
                }
            }
            if (outcomes.Any(o => o.Entry is not null))
            {
                applySignal.Notify();
            }
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

    /// <returns>Each write's inbox entry, in batch order, or the refusal of its row.</returns>
    private async Task<WriteOutcome[]> WriteAsync(List<PendingWrite> batch, CancellationToken cancellationToken)
    {
        var rows = Coalesce(batch, out var rowOfWrite);
        var refusals = new Dictionary<Row, Exception>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = await RefusalIsolation.WriteAsync(
            transaction,
            rows,
            some => WriteRowsAsync(connection, transaction, some, cancellationToken),
            (row, refusal) =>
            {
                LogRowRefused(logger, refusal, row.Delivery.EventType, row.Delivery.OrderId, 1 + row.Repeats.Count);
                refusals[row] = refusal;
                return Task.CompletedTask;
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var rowEntries = written.SelectMany(w => w).ToDictionary();
        var outcomes = new WriteOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var row = rows[rowOfWrite[i]];
            outcomes[i] = rowEntries.TryGetValue(row, out var entry)
                ? new WriteOutcome(new InboxEntry(entry.Id, Duplicate: !entry.Inserted || !ReferenceEquals(row.First, batch[i])), null)
                : new WriteOutcome(null, refusals[row]);
        }
        return outcomes;
    }

    /// <summary>Refusals folded into recent identical ones, then the rest inserted: each row's id and whether it is new.</summary>
    private async Task<Dictionary<Row, (long Id, bool Inserted)>> WriteRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var written = new Dictionary<Row, (long Id, bool Inserted)>(rows.Count);
        var coalesced = await CoalesceRefusalsAsync(connection, transaction, rows, cancellationToken);
        foreach (var (index, id) in coalesced)
        {
            written[rows[index]] = (id, false);
        }
        List<Row> rest = [.. rows.Where((_, i) => !coalesced.ContainsKey(i))];
        if (rest.Count > 0)
        {
            var inserted = await InsertAsync(connection, transaction, rest, cancellationToken);
            for (var i = 0; i < rest.Count; i++)
            {
                written[rest[i]] = inserted[i];
            }
        }
        return written;
    }

    /// <returns>For each refused row folded into a recent identical one: its index in <paramref name="rows"/> and the id it joined.</returns>
    private async Task<Dictionary<int, long>> CoalesceRefusalsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var refused = Enumerable.Range(0, rows.Count).Where(i => rows[i].Key.Rejected).ToList();
        var coalesced = new Dictionary<int, long>();
        if (refused.Count == 0)
        {
            return coalesced;
        }
        await using var command = new NpgsqlCommand(CoalesceRefusalsSql, connection, transaction);
        RefusalColumns.AddParameters(command, [.. refused.Select(i => new Refusal(i, rows[i]))]);
        command.Parameters.Add(new NpgsqlParameter("since", (time.GetUtcNow() - options.RefusalCoalesceWindow).ToUniversalTime()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            coalesced[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return coalesced;
    }

    private static async Task<(long Id, bool Inserted)[]> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Row> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        InsertColumns.AddParameters(command, rows);

        // RETURNING promises no order, so rows are matched back by their key.
        var returned = new Dictionary<RowKey, Queue<(long Id, bool Inserted)>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var rejected = reader.GetBoolean(3);
                var key = new RowKey(
                    reader.GetInt32(7), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), rejected,
                    rejected && !reader.IsDBNull(5) ? reader.GetString(5) : null,
                    rejected && !reader.IsDBNull(6) ? reader.GetString(6) : null);
                if (!returned.TryGetValue(key, out var ids))
                {
                    returned[key] = ids = new Queue<(long, bool)>();
                }
                ids.Enqueue((reader.GetInt64(0), reader.GetBoolean(4)));
            }
        }

        return [.. rows.Select(row =>
        {
            if (!returned.TryGetValue(row.Key, out var ids) || !ids.TryDequeue(out var written))
            {
                throw new InvalidOperationException("The inbox INSERT returned fewer rows than it was given.");
            }
            return written;
        })];
    }

    /// <summary>
    /// One statement cannot update the same row twice, so repeats of one delivery inside a batch are folded
    /// into a single row that carries their count; identical refusals from one address are folded alike.
    /// </summary>
    private static List<Row> Coalesce(List<PendingWrite> batch, out int[] rowOfWrite)
    {
        var rows = new List<Row>(batch.Count);
        var byKey = new Dictionary<RowKey, int>();
        rowOfWrite = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var delivery = batch[i].Delivery;
            var rejected = delivery.Status == DeliveryStatuses.Rejected;
            var key = new RowKey(
                delivery.AccountId, delivery.EventType, delivery.BodySha256, rejected, rejected ? delivery.RemoteIp : null, rejected ? delivery.Reason : null);
            if ((rejected || delivery.EventType is not null) && byKey.TryGetValue(key, out var existing))
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The inbox refused a webhook {EventType} for order {OrderId}; its {Count} request(s) are answered 503, the rest of the group commit is stored")]
    private static partial void LogRowRefused(ILogger logger, Exception exception, string? eventType, long? orderId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} webhook deliveries to the inbox; they are answered 503")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed class PendingWrite(IncomingDelivery delivery)
    {
        public IncomingDelivery Delivery { get; } = delivery;

        public TaskCompletionSource<InboxEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the delivery holds in memory while queued (strings are UTF-16).</summary>
        public long Bytes { get; } = 2L * (delivery.Body.Length + delivery.HeadersJson.Length);
    }

    /// <summary>Where one write landed, or why the database refused its row.</summary>
    private readonly record struct WriteOutcome(InboxEntry? Entry, Exception? Refusal);

    /// <summary>Refusals are told apart by address and reason too: only identical refusals from one sender coalesce.</summary>
    private readonly record struct RowKey(int AccountId, string? EventType, string BodySha256, bool Rejected, string? RemoteIp, string? Reason);

    private sealed class Row(RowKey key, PendingWrite first)
    {
        public RowKey Key { get; } = key;
        public PendingWrite First { get; } = first;
        public IncomingDelivery Delivery => First.Delivery;
        public List<PendingWrite> Repeats { get; } = [];
    }
}
