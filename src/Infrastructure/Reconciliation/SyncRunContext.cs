using Microsoft.Extensions.Logging;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// One run in progress: its row, the dedicated connection that holds the run's advisory lock (and carries its
/// page transactions), and the host's stopping token.
/// </summary>
public sealed record SyncRunContext(long RunId, string Kind, DateTimeOffset? Since, NpgsqlConnection Connection, ILogger Logger, CancellationToken Stopping);
