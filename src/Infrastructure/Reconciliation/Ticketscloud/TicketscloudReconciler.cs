using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Ticketscloud;

/// <summary>
/// Reconciles one Ticketscloud account. Ticketscloud lists by <c>created_at</c> only and has no
/// <c>updated_at</c>, so a status change (paid, cancelled, expired) or a refund decision shows only by reading
/// the creation window again (ADR 0009):
/// <list type="bullet">
/// <item>incremental: the last <see cref="TicketscloudOptions.RecentDays"/> days of creation dates, orders then
/// refund requests;</item>
/// <item>full sweep: the same over <see cref="TicketscloudOptions.FullSweepHorizonDays"/>, nightly;</item>
/// <item>backfill: from the run's start date; resumable.</item>
/// </list>
/// Every page commits with the run's counts; full sweeps and backfills also commit a checkpoint (the last page
/// of each listing), so a run stopped anywhere continues where it stopped.
/// </summary>
/// <remarks>
/// The window ends where the run started: a resumed run keeps its start (the run's <c>since</c> and the
/// checkpoint). Orders created since then are left to the next run; should they still be listed (Ticketscloud
/// lists newest first), they only push older rows to later pages — a resumed walk then reads some rows twice
/// and skips none. Replays are idempotent under the merge rule.
/// </remarks>
public sealed partial class TicketscloudReconciler(
    ITicketscloudClient client,
    TicketscloudPageWriter writer,
    SyncStateStore state,
    IOptions<TicketscloudOptions> options,
    TimeProvider time)
{
    public Task IncrementalAsync(SyncRunContext run, int accountId, TicketscloudAccount account)
    {
        var now = time.GetUtcNow();
        return WalkAsync(run, accountId, account, now.AddDays(-options.Value.RecentDays), now, checkpoint: null);
    }

    public Task FullSweepAsync(SyncRunContext run, int accountId, TicketscloudAccount account)
    {
        var now = time.GetUtcNow();
        return WalkAsync(run, accountId, account, now.AddDays(-options.Value.FullSweepHorizonDays), now, CheckpointKey(run, accountId));
    }

    public Task BackfillAsync(SyncRunContext run, int accountId, TicketscloudAccount account)
    {
        var from = run.Since ?? throw new InvalidOperationException($"Backfill run {run.RunId} has no start date.");
        return WalkAsync(run, accountId, account, from, time.GetUtcNow(), CheckpointKey(run, accountId));
    }

    /// <summary>The <c>sync_state</c> row of a resumable walk; the listing's name is appended per listing.</summary>
    public static string CheckpointKey(SyncRunContext run, int accountId) => $"ticketscloud.{accountId}.{run.Kind}.{run.RunId}";

    private async Task WalkAsync(SyncRunContext run, int accountId, TicketscloudAccount account, DateTimeOffset from, DateTimeOffset to, string? checkpoint)
    {
        var orders = await StartAsync(run, checkpoint, "orders", from);
        LogWindow(run.Logger, from, to, orders.StartPage);
        await foreach (var page in client.ListOrdersAsync(account, Query(from, to, orders.StartPage), run.Stopping).ReadAhead(2, run.Stopping))
        {
            var counts = await writer.WriteOrdersAsync(run, accountId, page, Checkpoint(run, orders.Key, page.Page, from));
            LogPage(run.Logger, "orders", page.Page, counts.Seen, counts.GapsHealed, counts.SetAside);
        }
        var refunds = await StartAsync(run, checkpoint, "refund_requests", from);
        await foreach (var page in client.ListRefundRequestsAsync(account, Query(from, to, refunds.StartPage), run.Stopping).ReadAhead(2, run.Stopping))
        {
            var counts = await writer.WriteRefundRequestsAsync(run, accountId, page, Checkpoint(run, refunds.Key, page.Page, from));
            LogPage(run.Logger, "refund_requests", page.Page, counts.Seen, counts.GapsHealed, counts.SetAside);
        }
    }

    private static TicketscloudListQuery Query(DateTimeOffset from, DateTimeOffset to, int startPage) =>
        new(from, to) { StartPage = startPage };

    private async Task<(string? Key, int StartPage)> StartAsync(SyncRunContext run, string? checkpoint, string listing, DateTimeOffset from)
    {
        if (checkpoint is null)
        {
            return (null, 1);
        }
        var key = $"{checkpoint}.{listing}";
        var (_, lastPage) = await state.ReadAsync(key, run.Stopping);
        if (lastPage is { } done)
        {
            LogResuming(run.Logger, listing, done, from);
        }
        return (key, (lastPage ?? 0) + 1);
    }

    private Func<Npgsql.NpgsqlTransaction, Task>? Checkpoint(SyncRunContext run, string? key, int page, DateTimeOffset from) =>
        key is null ? null : tx => state.WriteCheckpointAsync(run.Connection, tx, key, page, from, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticketscloud walk over creation dates {From:O} .. {To:O} from page {Page}")]
    private static partial void LogWindow(ILogger logger, DateTimeOffset from, DateTimeOffset to, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticketscloud {Listing} resumes after committed page {Page} (from {From:O})")]
    private static partial void LogResuming(ILogger logger, string listing, int page, DateTimeOffset from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticketscloud {Listing} page {Page} committed: {Seen} rows, {Healed} new or changed, {SetAside} set aside")]
    private static partial void LogPage(ILogger logger, string listing, int page, int seen, int healed, int setAside);
}
