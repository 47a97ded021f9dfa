using Microsoft.Extensions.Time.Testing;

namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>Fake time that also remembers every timer asked for, so a test can see which delay a retry chose.</summary>
internal sealed class RecordingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero))
{
    private readonly List<TimeSpan> _dueTimes = [];

    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_dueTimes)
            {
                return [.. _dueTimes];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>
    /// Moves fake time forward in steps until <paramref name="task"/> completes. Only fake time moves: the
    /// outcome depends on which timers exist, never on how fast the machine is.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan step)
    {
        while (!task.IsCompleted)
        {
            Advance(step);
            await Task.Yield();
        }
        return await task;
    }
}
