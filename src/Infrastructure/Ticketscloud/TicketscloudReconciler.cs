using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Reconciles one Ticketscloud account. Ticketscloud lists by <c>created_at</c> only and has no
/// <c>updated_at</c>, so a status change (paid, cancelled, expired) or a refund decision shows only by reading
/// the creation window again (ADR 0009):
/// <list type="bullet">
/// <item>incremental: the last <see cref="TicketscloudOptions.RecentDays"/> days of creation dates, orders then
/// refund requests — except an account's first runs, which load its whole history
/// (<see cref="TicketscloudInitialLoad"/>) until that is done;</item>
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
    InitialLoadStore initialLoads,
    TicketscloudInitialLoad initialLoad,
    TicketscloudAccounts accounts,
    IOptions<TicketscloudOptions> options,
    TimeProvider time) : IReconcilePlatform
{
    public string Platform => AccountPlatforms.Ticketscloud;

    /// <summary>The kinds of run a Ticketscloud account has (no catalog: events come with every listing's refs).</summary>
    public IReadOnlySet<string> Kinds { get; } =
        new HashSet<string>(StringComparer.Ordinal) { SyncRunKinds.Incremental, SyncRunKinds.FullSweep, SyncRunKinds.Backfill };

    /// <summary>The run of <paramref name="run"/>'s kind (incremental, full sweep or backfill) for its account.</summary>
    public Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow();
        return run.Kind switch
        {
            SyncRunKinds.Incremental => IncrementalAsync(run, now),
            SyncRunKinds.FullSweep => WalkAsync(run, now.AddDays(-options.Value.FullSweepHorizonDays), now, CheckpointKey(run)),
            SyncRunKinds.Backfill => WalkAsync(run, run.Since ?? throw new InvalidOperationException($"Backfill run {run.RunId} has no start date."),
                now, CheckpointKey(run)),
            _ => throw new InvalidOperationException($"A Ticketscloud account has no {run.Kind} run."),
        };
    }

    public RunFailure? Classify(Exception exception, SyncAccount account) => exception switch
    {
        TicketscloudAuthException => RunFailure.TokenRejected(exception, account),
        TicketscloudApiException or TicketscloudPayloadException => new RunFailure(exception.Message),
        TimeoutException or TaskCanceledException => RunFailure.NoAnswer("Ticketscloud", exception),
        _ => null,
    };

    /// <summary>The <c>sync_state</c> row of a resumable walk; the listing's name is appended per listing.</summary>
    public static string CheckpointKey(SyncRunContext run) => $"ticketscloud.{run.Kind}.{run.RunId}";

    private async Task IncrementalAsync(SyncRunContext run, DateTimeOffset now)
    {
        if (!await initialLoads.RunPendingAsync(run, now, initialLoad))
        {
            await WalkAsync(run, now.AddDays(-options.Value.RecentDays), now, checkpoint: null);
        }
    }

    private async Task WalkAsync(SyncRunContext run, DateTimeOffset from, DateTimeOffset to, string? checkpoint)
    {
        var accountId = run.AccountId;
        var account = accounts.For(run.RequireAccount());
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
        var (_, lastPage) = await state.ReadAsync(run.AccountId, key, run.Stopping);
        if (lastPage is { } done)
        {
            LogResuming(run.Logger, listing, done, from);
        }
        return (key, (lastPage ?? 0) + 1);
    }

    private Func<Npgsql.NpgsqlTransaction, Task>? Checkpoint(SyncRunContext run, string? key, int page, DateTimeOffset from) =>
        key is null ? null : tx => state.WriteCheckpointAsync(run.Connection, tx, run.AccountId, key, page, from, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticketscloud walk over creation dates {From:O} .. {To:O} from page {Page}")]
    private static partial void LogWindow(ILogger logger, DateTimeOffset from, DateTimeOffset to, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticketscloud {Listing} resumes after committed page {Page} (from {From:O})")]
    private static partial void LogResuming(ILogger logger, string listing, int page, DateTimeOffset from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticketscloud {Listing} page {Page} committed: {Seen} rows, {Healed} new or changed, {SetAside} set aside")]
    private static partial void LogPage(ILogger logger, string listing, int page, int seen, int healed, int setAside);
}
