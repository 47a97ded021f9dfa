using System.Text;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Writes a set in one statement; should the database refuse it, writes it again a group at a time under
/// savepoints, so only the group it refuses is left out and the transaction goes on. The one split-and-isolate
/// of the service: the reconcile page writers and the webhook applier all write through it.
/// </summary>
public static class RefusalIsolation
{
    /// <summary>
    /// The database refused the data (a NUL in a name, a lone surrogate jsonb will not take, a constraint), or
    /// Npgsql could not encode a string for it: either is about the rows sent, not the connection, which stays
    /// usable. Anything else (a broken connection, a cancellation) is not a refusal and is let through.
    /// </summary>
    public static bool IsRefusal(Exception exception) => exception is PostgresException or EncoderFallbackException;

    /// <summary>What a refusal says, for the reason kept beside the row it left out.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is PostgresException refused ? refused.MessageText : exception.Message;
    }

    /// <summary>
    /// <paramref name="write"/> on all of <paramref name="groups"/> at once; when refused, on each group alone
    /// under a savepoint, handing each refused group to <paramref name="refused"/> (inside the transaction, after
    /// its savepoint was rolled back). A group is what must be written or left out together (a row, or every
    /// delivery of one order).
    /// </summary>
    /// <returns>What each successful call of <paramref name="write"/> returned: one result, or one per group written.</returns>
    public static async Task<List<TResult>> WriteAsync<TGroup, TResult>(
        NpgsqlTransaction transaction,
        IReadOnlyList<TGroup> groups,
        Func<IReadOnlyList<TGroup>, Task<TResult>> write,
        Func<TGroup, Exception, Task> refused,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(refused);
        if (groups.Count == 0)
        {
            return [];
        }
        await transaction.SaveAsync("all_rows", cancellationToken);
        try
        {
            return [await write(groups)];
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            await transaction.RollbackAsync("all_rows", cancellationToken);
        }
        var results = new List<TResult>(groups.Count);
        foreach (var group in groups)
        {
            await transaction.SaveAsync("one_row", cancellationToken);
            try
            {
                results.Add(await write([group]));
            }
            catch (Exception exception) when (IsRefusal(exception))
            {
                await transaction.RollbackAsync("one_row", cancellationToken);
                await refused(group, exception);
            }
        }
        return results;
    }
}
