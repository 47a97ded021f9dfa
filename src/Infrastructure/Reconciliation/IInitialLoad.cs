namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// A platform's first sync of an account: its whole history (or its horizon), page by page, resumable from
/// <see cref="InitialLoadCheckpoint"/>. <see cref="InitialLoadStore.RunPendingAsync"/> starts it from the
/// platform's incremental run until it is done.
/// </summary>
public interface IInitialLoad
{
    /// <summary>Walks the load on from <paramref name="pending"/>; <paramref name="run"/> loads history.</summary>
    Task RunAsync(SyncRunContext run, InitialLoadCheckpoint pending);
}
