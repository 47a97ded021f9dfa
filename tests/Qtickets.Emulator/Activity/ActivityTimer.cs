using Microsoft.Extensions.Options;

namespace Qtickets.Emulator.Activity;

/// <summary>Drives <see cref="ActivitySimulator"/> at <see cref="EmulatorOptions.ActivityPerSecond"/> changes per second.</summary>
public sealed class ActivityTimer(
    ActivitySimulator simulator, TimeProvider time, IOptions<EmulatorOptions> options, ILogger<ActivityTimer> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rate = options.Value.ActivityPerSecond;
        if (rate <= 0)
        {
            return;
        }

        logger.LogInformation("Simulating {Rate} changes per second", rate);
        using var timer = new PeriodicTimer(Tick, time);
        var last = time.GetTimestamp();
        var due = 0.0; // fractional changes carried over, so low rates (0.2/s) still happen
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetTimestamp();
            due += rate * time.GetElapsedTime(last, now).TotalSeconds;
            last = now;
            var count = (int)due;
            if (count > 0)
            {
                due -= count;
                simulator.Step(count);
            }
        }
    }
}
