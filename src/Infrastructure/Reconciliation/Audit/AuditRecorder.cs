using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Domain.Audit;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

/// <summary>Stores an audit's outcome beside its findings: the verdict, the rows in flight, both sides' totals.</summary>
public static partial class AuditRecorder
{
    private const string Mirror = "mirror";
    private const string Platform = "platform";

    /// <summary>Writes the result row in <paramref name="transaction"/>, which holds the run's findings, and returns the verdict.</summary>
    public static async Task<string> RecordAsync(
        SyncRunContext run, NpgsqlTransaction transaction, DateTimeOffset walkStarted, int inFlight, AuditTotals mirror, AuditTotals platform)
    {
        await using var count = new NpgsqlCommand("SELECT count(*)::int FROM audit_findings WHERE run_id = @run", run.Connection, transaction);
        count.Parameters.AddWithValue("run", run.RunId);
        var differences = (int)(await count.ExecuteScalarAsync(CancellationToken.None))!;
        var verdict = AuditResult.VerdictOf(differences);
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO audit_results (run_id, account_id, verdict, differences, in_flight, walk_started_at,
                {AuditTotals.Columns(Mirror)}, {AuditTotals.Columns(Platform)})
            VALUES (@run, @account, @verdict, @differences, @in_flight, @started,
                {AuditTotals.Columns(Mirror, "@")}, {AuditTotals.Columns(Platform, "@")})
            """, run.Connection, transaction);
        insert.Parameters.AddWithValue("run", run.RunId);
        insert.Parameters.AddWithValue("account", run.AccountId);
        insert.Parameters.AddWithValue("verdict", verdict);
        insert.Parameters.AddWithValue("differences", differences);
        insert.Parameters.AddWithValue("in_flight", inFlight);
        insert.Parameters.AddWithValue("started", walkStarted.ToUniversalTime());
        mirror.AddParameters(insert, Mirror);
        platform.AddParameters(insert, Platform);
        await insert.ExecuteNonQueryAsync(CancellationToken.None);
        LogVerdict(run.Logger, verdict, inFlight, mirror.Orders, platform.Orders);
        return verdict;
    }

    /// <summary>A run taken up again after an interruption starts its comparison afresh.</summary>
    public static async Task ForgetAsync(SyncRunContext run)
    {
        await using var command = new NpgsqlCommand(
            "DELETE FROM audit_findings WHERE run_id = @run; DELETE FROM audit_results WHERE run_id = @run", run.Connection);
        command.Parameters.AddWithValue("run", run.RunId);
        await command.ExecuteNonQueryAsync(run.Stopping);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit verdict: {Verdict} ({InFlight} rows in flight; {MirrorOrders} orders in the mirror, {PlatformOrders} on the platform)")]
    private static partial void LogVerdict(ILogger logger, string verdict, int inFlight, int mirrorOrders, int platformOrders);
}
