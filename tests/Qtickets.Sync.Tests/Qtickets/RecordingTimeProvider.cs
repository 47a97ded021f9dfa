using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>
/// Fake time that reports every delay the code under test starts (a timer created with a finite due time, which
/// is how a retry waits), so a test can see which delay was chosen and then move time by exactly that much.
/// </summary>
internal sealed class RecordingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero))
{
    // Only a guard against a hung test; the test never waits for it to pass.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _delays = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Writer.TryWrite(dueTime);
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>The next delay the code under test starts.</summary>
    public Task<TimeSpan> NextDelayAsync() => _delays.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>
    /// Lets <paramref name="task"/> run to completion, advancing fake time over each delay it starts; answers the
    /// delays in the order they were started.
    /// </summary>
    public async Task<(T Result, IReadOnlyList<TimeSpan> Delays)> RunAsync<T>(Task<T> task)
    {
        var delays = new List<TimeSpan>();
        while (true)
        {
            var next = NextDelayAsync();
            if (await Task.WhenAny(task, next).WaitAsync(HangGuard) == task)
            {
                return (await task, delays);
            }
            var delay = await next;
            delays.Add(delay);
            Advance(delay);
        }
    }
}
