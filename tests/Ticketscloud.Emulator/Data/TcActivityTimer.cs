using Microsoft.Extensions.Options;

namespace Ticketscloud.Emulator.Data;

/// <summary>Applies <see cref="TcEmulatorOptions.ActivityPerSecond"/> random lifecycle steps per second (the demo).</summary>
public sealed class TcActivityTimer(TcStore store, IOptions<TcEmulatorOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rate = options.Value.ActivityPerSecond;
        if (rate <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            store.Step();
        }
    }
}
