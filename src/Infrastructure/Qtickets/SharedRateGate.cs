using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Keeps <see cref="QticketsOptions.RequestsPerSecond"/> as the ceiling for all jobs of all instances together:
/// each request claims the next free slot in one PostgreSQL row, slots one interval apart on the database's
/// clock, and waits for it. Hangfire may run jobs on several servers at once; an in-process limiter alone would
/// let each of them use the full rate.
/// </summary>
public sealed partial class SharedRateGate(
    NpgsqlDataSource dataSource, IOptions<QticketsOptions> options, TimeProvider time, ILogger<SharedRateGate> logger)
{
    public const string SlotName = "qtickets";

    private const string ClaimSql = """
        INSERT INTO qtickets_request_slots AS s (name, next_slot) VALUES (@name, clock_timestamp() + @interval)
        ON CONFLICT (name) DO UPDATE SET next_slot = GREATEST(s.next_slot, clock_timestamp()) + @interval
        RETURNING s.next_slot - @interval, clock_timestamp()
        """;

    public bool Enabled => options.Value.RequestsPerSecond > 0;

    /// <summary>Claims the next slot; returns its start and the database's clock at the claim.</summary>
    public async Task<(DateTimeOffset Slot, DateTimeOffset Now)> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("name", SlotName);
        command.Parameters.AddWithValue("interval", TimeSpan.FromSeconds(1.0 / options.Value.RequestsPerSecond));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Waits for this request's slot.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }
        DateTimeOffset slot, now;
        try
        {
            (slot, now) = await ClaimAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // Without the database the instance's own limiter still holds the rate for this instance.
            LogUnavailable(ex);
            return;
        }
        if (slot > now)
        {
            await Task.Delay(slot - now, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared QTickets rate limit unavailable; this request is held by the instance's own limit only")]
    private partial void LogUnavailable(Exception exception);
}
