using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// One run in progress: its row, the dedicated connection that holds the run's advisory lock (and carries its
/// page transactions), and the host's stopping token.
/// </summary>
public sealed record SyncRunContext(long RunId, string Kind, DateTimeOffset? Since, NpgsqlConnection Connection, ILogger Logger, CancellationToken Stopping)
{
    /// <summary>The run is loading history (a first sync or a backfill): see <see cref="PageCounts.LoadsHistory"/>.</summary>
    public bool LoadsHistory { get; init; }

    /// <summary>This run as one that loads history rather than heals: its inserts were never expected from webhooks.</summary>
    public SyncRunContext LoadingHistory() => this with { LoadsHistory = true };

    /// <summary>The account the run syncs; null for a run about the whole deployment (daily sales).</summary>
    public SyncAccount? Account { get; init; }

    /// <summary>The id of the account whose rows the run writes (<see cref="RequireAccount"/>).</summary>
    public int AccountId => RequireAccount().Id;

    /// <summary>The account of a run that syncs one.</summary>
    public SyncAccount RequireAccount() =>
        Account ?? throw new InvalidOperationException($"Sync run {RunId} of kind {Kind} has no account.");
}
