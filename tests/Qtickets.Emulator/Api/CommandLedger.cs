using System.Collections.Concurrent;

namespace Qtickets.Emulator.Api;

/// <summary>One call to a write endpoint, as the emulator saw it.</summary>
public sealed record CommandCall(string Method, string Path, string Body, int Status, DateTimeOffset At);

/// <summary>
/// Every call to the order write endpoints, and the knobs tests turn: a processing delay (the order is held for
/// that long, as a platform busy applying a change is) and dropping the connection after a refund is applied, so
/// the caller never hears that it succeeded.
/// </summary>
public sealed class CommandLedger
{
    private readonly ConcurrentQueue<CommandCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private int _dropAfterRefund;
    private int _maxInFlightPerOrder;

    /// <summary>How long each write call takes before it is applied.</summary>
    public TimeSpan ProcessingDelay { get; set; }

    /// <summary>The next this-many applied refunds are answered by dropping the connection instead.</summary>
    public int DropConnectionAfterRefunds
    {
        get => Volatile.Read(ref _dropAfterRefund);
        set => Volatile.Write(ref _dropAfterRefund, value);
    }

    public IReadOnlyList<CommandCall> Calls => [.. _calls];

    /// <summary>The most write calls on one order that were ever being processed at the same time.</summary>
    public int MaxInFlightPerOrder => Volatile.Read(ref _maxInFlightPerOrder);

    internal void Record(CommandCall call) => _calls.Enqueue(call);

    /// <summary>True once when a refund should be answered by a dropped connection.</summary>
    internal bool TakeDrop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _dropAfterRefund);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _dropAfterRefund, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    /// <summary>Marks a call on <paramref name="order"/> in progress; dispose to end it. Returns how many were in progress, this one included.</summary>
    internal int Enter(string order)
    {
        var now = _inFlight.AddOrUpdate(order, 1, (_, n) => n + 1);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlightPerOrder)) < now
            && Interlocked.CompareExchange(ref _maxInFlightPerOrder, now, seen) != seen)
        {
        }

        return now;
    }

    internal void Leave(string order) => _inFlight.AddOrUpdate(order, 0, (_, n) => n - 1);

    public void Reset()
    {
        _calls.Clear();
        _inFlight.Clear();
        Volatile.Write(ref _maxInFlightPerOrder, 0);
        DropConnectionAfterRefunds = 0;
        ProcessingDelay = TimeSpan.Zero;
    }
}
