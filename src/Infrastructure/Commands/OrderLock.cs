using Npgsql;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>
/// At most one command in flight per order, across every instance sharing the database: a PostgreSQL session
/// advisory lock keyed by (account, order), held on a connection of its own for as long as the command
/// runs. A process that dies loses its session and with it the lock, so nothing is left stuck. Different orders
/// take different keys and run in parallel (two orders whose keys collide in 32 bits merely wait for each other).
/// </summary>
public sealed class OrderLock : IAsyncDisposable
{
    private const string Key = "hashtext('qtickets_sync:order_command'), hashtext(@order)";
    private readonly NpgsqlConnection connection;
    private readonly string order;

    private OrderLock(NpgsqlConnection connection, string order)
    {
        this.connection = connection;
        this.order = order;
    }

    /// <summary>Waits for the order's lock up to <paramref name="timeout"/>.</summary>
    /// <exception cref="OrderBusyException">Another command of the order held the lock for longer.</exception>
    public static async Task<OrderLock> AcquireAsync(
        NpgsqlDataSource dataSource, int accountId, string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var order = $"{accountId}:{orderId}";
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waited.CancelAfter(timeout);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            command.Parameters.AddWithValue("order", order);
            try
            {
                await command.ExecuteNonQueryAsync(waited.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new OrderBusyException(timeout);
            }
            return new OrderLock(connection, order);
        }
        catch
        {
            // A cancel can land just after the lock was granted: never hand a locked session back to the pool.
            await UnlockAllAsync(connection).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Released explicitly: the pool would otherwise hand the session, lock and all, to the next borrower.
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
            command.Parameters.AddWithValue("order", order);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A broken connection has lost its session, and the lock with it.
            NpgsqlConnection.ClearPool(connection);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task UnlockAllAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}

/// <summary>The order's lock stayed taken longer than <c>Commands:LockTimeout</c>.</summary>
public sealed class OrderBusyException(TimeSpan waited)
    : Exception($"Another command of this order has been running for longer than {waited}; try again later.")
{
    public TimeSpan Waited { get; } = waited;
}
