using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Webhook ingestion settings, from the <c>Webhooks</c> section. The signing secrets are the accounts' own
/// (<c>Qtickets:WebhookSecrets</c>, <c>Accounts:n:WebhookSecrets</c>; see <see cref="Accounts.AccountsOptions"/>).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Run the applier loop in this host; tests turn it off and call the applier themselves.</summary>
    public bool ApplyInBackground { get; set; } = true;

    /// <summary>At most this many deliveries are written by one group-commit INSERT.</summary>
    public int AcceptBatchSize { get; set; } = 256;

    /// <summary>Deliveries waiting to be written; beyond this a request is answered 503 at once.</summary>
    public int AcceptQueueCapacity { get; set; } = 10_000;

    /// <summary>Bytes (bodies and headers, as held in memory) waiting to be written; beyond this a request is answered 503.</summary>
    public long AcceptQueueMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>An identical refusal from the same address within this window adds to the earlier row's count.</summary>
    public TimeSpan RefusalCoalesceWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Refused requests one address may make per <see cref="RefusalWindow"/> before it is answered 429.</summary>
    public int RefusalsPerWindow { get; set; } = 60;

    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int ApplyBatchSize { get; set; } = 200;

    /// <summary>
    /// Batches applied at once while working off a backlog (a batch came back full): one runs its statements while
    /// the next is read and parsed. 1 applies one batch after another.
    /// </summary>
    public int ApplyConcurrency { get; set; } = 2;

    /// <summary>
    /// How long the applier lets new deliveries gather after it is woken, so that a stream of them is applied in
    /// a few large batches rather than many small ones: every batch pays a fixed cost (picking, planning, the
    /// daily sales triggers, the commit) whatever its size. It is also the most an applied order lags its webhook
    /// when the applier is idle.
    /// </summary>
    public TimeSpan ApplyGatherDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A group commit that finds at least this many deliveries waiting means senders are queuing: the applier then
    /// gives way until commits are small again (at most <see cref="ApplyMaxYield"/> per batch). 0 never gives way.
    /// </summary>
    public int ApplyYieldBacklog { get; set; } = 16;

    /// <summary>
    /// The longest the applier waits for a crowded inbox before applying one batch anyway, so a sender that never
    /// lets up slows the mirror down but cannot stop it.
    /// </summary>
    public TimeSpan ApplyMaxYield { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After working off a backlog of at least this many deliveries the applier has the table analysed at once:
    /// the planner's statistics still describe a table of pending rows, and autovacuum refreshes them only a
    /// minute later at best (docs/decisions/0013). 0 leaves it to autovacuum.
    /// </summary>
    public int AnalyzeAfterBacklog { get; set; } = 10_000;

    /// <summary>How often the applier looks for leftovers (after a crash, or failures due for a retry).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public int MaxApplyAttempts { get; set; } = SetAsideOptions.DefaultMaxApplyAttempts;

    /// <summary>A failed delivery is retried after this delay, doubled after every further failure.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
}
