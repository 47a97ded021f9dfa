namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>Wakes the applier when new deliveries are committed; many notices before it wakes count as one.</summary>
public sealed class WebhookApplySignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the applier will see these deliveries too.
        }
    }

    /// <summary>Returns when notified or when <paramref name="timeout"/> has passed, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(signal.WaitAsync(waiting.Token), Task.Delay(timeout, time, waiting.Token));
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
