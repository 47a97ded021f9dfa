using Microsoft.Extensions.Logging;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Keeps an account's <c>RequestsPerSecond</c> as the ceiling for all jobs of all instances together: each
/// request claims the next free slot in the account's PostgreSQL row, slots one interval apart on the database's
/// clock, and waits for it. Accounts have rows of their own: one busy account never spends another's rate. Hangfire may run jobs on several servers at once; an in-process limiter alone would
/// let each of them use the full rate.
/// </summary>
public sealed partial class SharedRateGate(NpgsqlDataSource dataSource, TimeProvider time, ILogger<SharedRateGate> logger)
{
    public const string SlotName = "qtickets";

    private const string ClaimSql = """
        INSERT INTO qtickets_request_slots AS s (account_id, name, next_slot) VALUES (@account, @name, clock_timestamp() + @interval)
        ON CONFLICT (account_id, name) DO UPDATE SET next_slot = GREATEST(s.next_slot, clock_timestamp()) + @interval
        RETURNING s.next_slot - @interval, clock_timestamp()
        """;

    /// <summary>Claims the account's next slot; returns its start and the database's clock at the claim.</summary>
    public async Task<(DateTimeOffset Slot, DateTimeOffset Now)> ClaimAsync(int accountId, int requestsPerSecond, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("name", SlotName);
        command.Parameters.AddWithValue("interval", TimeSpan.FromSeconds(1.0 / requestsPerSecond));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>
    /// Waits for this request's slot of the account <paramref name="accountId"/> resolves to; a request of no known
    /// account (null) does not wait.
    /// </summary>
    public async Task WaitAsync(Func<CancellationToken, ValueTask<int?>> accountId, int requestsPerSecond, CancellationToken cancellationToken)
    {
        if (requestsPerSecond <= 0)
        {
            return;
        }
        DateTimeOffset slot, now;
        try
        {
            if (await accountId(cancellationToken) is not { } account)
            {
                return;
            }
            (slot, now) = await ClaimAsync(account, requestsPerSecond, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared upstream rate limit unavailable; this request is held by the instance's own limit only")]
    private partial void LogUnavailable(Exception exception);
}
