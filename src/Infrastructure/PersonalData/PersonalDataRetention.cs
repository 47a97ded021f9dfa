using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// <c>PersonalData:RetainDays</c>: masks buyers' data of orders whose events ended more than that many days ago,
/// in every place an erasure reaches, leaving figures as they are. Off (nothing happens) unless set.
/// </summary>
public sealed partial class PersonalDataRetention(
    NpgsqlDataSource dataSource, IOptions<PersonalDataOptions> options, TimeProvider time, ILogger<PersonalDataRetention> logger)
{
    /// <summary>Rows changed per place; empty when retention is off.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetainDays is not { } days)
        {
            return new Dictionary<string, int>();
        }
        var cutoff = time.GetUtcNow().AddDays(-days);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var targets = new NpgsqlCommand(ErasurePlaces.EndedTargetsSql, connection, transaction))
        {
            targets.Parameters.Add(new NpgsqlParameter("cutoff", cutoff));
            await targets.ExecuteNonQueryAsync(cancellationToken);
        }
        var counts = await PlaceScrubber.ScrubAllAsync(connection, transaction, [], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogMasked(days, cutoff, counts.Values.Sum());
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data retention ({Days} days, events ended before {Cutoff}): {Rows} rows masked")]
    private partial void LogMasked(int days, DateTimeOffset cutoff, int rows);
}
