using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Fetches the next page from QTickets while the current one is being written, so a run waits on the network
/// and on PostgreSQL side by side instead of one after the other. At most <c>depth</c> pages wait, so memory
/// stays flat however long the history.
/// </summary>
internal static class PageReadAhead
{
    public static async IAsyncEnumerable<T> ReadAhead<T>(
        this IAsyncEnumerable<T> source,
        int depth,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        // Fetching stops with the run's token; handing over a fetched page stops only when the consumer is gone.
        using var fetching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var consumerGone = new CancellationTokenSource();
        Exception? failure = null;
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(fetching.Token))
                {
                    await channel.Writer.WriteAsync(item, consumerGone.Token);
                }
            }
            catch (Exception ex)
            {
                // Surfaced to the run only when the pages end; when the run stops early nobody needs it.
                failure = ex;
            }
            finally
            {
                channel.Writer.Complete();
            }
        }, CancellationToken.None);

        try
        {
            // Pages fetched before a stop are still handed out (a shutdown finishes what is in flight); the stop
            // itself surfaces once they are done, as the reader's cancellation.
            await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None))
            {
                yield return item;
            }
            await reader;
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            await fetching.CancelAsync();
            await consumerGone.CancelAsync();
            await reader;
        }
    }
}
