using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Changes;

/// <summary>
/// Deletes changes older than <see cref="ChangeFeedOptions.RetentionDays"/>, in batches (<see cref="BatchedStatement"/>).
/// Changes not yet in the feed stay (a consumer has not had them), and so does the newest numbered one, so the feed's
/// numbering never starts again below a cursor a consumer holds. A cursor before the oldest change kept is then
/// answered 410 by the feed.
/// </summary>
public sealed partial class ChangeRetention(
    NpgsqlDataSource dataSource, IOptions<ChangeFeedOptions> options, TimeProvider time, ILogger<ChangeRetention> logger)
{
    private const string DeleteSql = """
        DELETE FROM order_changes WHERE position IN (
            SELECT position FROM order_changes
            WHERE learned_at < @before AND feed_position < (SELECT max(feed_position) FROM order_changes)
            LIMIT @batch)
        """;

    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var deleted = await BatchedStatement.RepeatAsync(
            dataSource, DeleteSql, command => command.Parameters.AddWithValue("before", before), cancellationToken);
        LogPass(deleted, before);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change retention deleted {Deleted} changes learned before {Before}")]
    private partial void LogPass(long deleted, DateTimeOffset before);
}
