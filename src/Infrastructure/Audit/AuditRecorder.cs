using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Infrastructure.Audit;

/// <summary>
/// Appends one administrative act to <c>audit_log</c>. The act has already happened when it is recorded, so a
/// database that refuses the row is logged as an error rather than turned into a failed answer.
/// </summary>
public sealed partial class AuditRecorder(NpgsqlDataSource dataSource, TimeProvider time, ILogger<AuditRecorder> logger)
{
    public const int TargetLength = 300;

    public async Task RecordAsync(string actor, string action, string? target, string outcome, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "INSERT INTO audit_log (at, actor, action, target, outcome) VALUES (@at, @actor, @action, @target, @outcome)");
            command.Parameters.Add(new NpgsqlParameter("at", time.GetUtcNow()));
            command.Parameters.Add(new NpgsqlParameter("actor", actor));
            command.Parameters.Add(new NpgsqlParameter("action", action));
            command.Parameters.Add(new NpgsqlParameter("target", NpgsqlDbType.Text)
            {
                Value = target is null ? DBNull.Value : target.Length > TargetLength ? target[..TargetLength] : target,
            });
            command.Parameters.Add(new NpgsqlParameter("outcome", outcome));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            LogNotRecorded(exception, action, actor, outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry {Action} by {Actor} ({Outcome}) could not be recorded")]
    private partial void LogNotRecorded(Exception exception, string action, string actor, string outcome);
}
