using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Webhooks;
using Qtickets.Sync.Tests.Qtickets;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>
/// The applier gives way while senders queue at the inbox (a group commit finds many deliveries waiting), and only
/// for a bounded time, so a burst is accepted first and a sender that never lets up cannot stop the mirror.
/// </summary>
public class InboxPressureTests
{
    private static InboxPressure Pressure(TimeProvider time, int backlog = 16, double maxYieldSeconds = 2) =>
        new(Options.Create(new WebhookOptions { ApplyYieldBacklog = backlog, ApplyMaxYield = TimeSpan.FromSeconds(maxYieldSeconds) }), time);

    [Fact]
    public void Small_commits_are_steady_flow_and_a_commit_with_a_backlog_is_crowding()
    {
        var time = new RecordingTimeProvider();
        var pressure = Pressure(time);

        pressure.Committing(3);
        Assert.False(pressure.IsCrowded);

        pressure.Committing(16);
        Assert.True(pressure.IsCrowded);
    }

    [Fact]
    public void Crowding_ends_soon_after_the_last_crowded_commit()
    {
        var time = new RecordingTimeProvider();
        var pressure = Pressure(time);
        pressure.Committing(64);

        time.Advance(InboxPressure.Memory - TimeSpan.FromMilliseconds(1));
        Assert.True(pressure.IsCrowded);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(pressure.IsCrowded);
    }

    [Fact]
    public void A_backlog_of_zero_switches_giving_way_off()
    {
        var pressure = Pressure(new RecordingTimeProvider(), backlog: 0);
        pressure.Committing(256);
        Assert.False(pressure.IsCrowded);
    }

    [Fact]
    public async Task The_applier_does_not_wait_when_the_inbox_is_not_crowded()
    {
        var pressure = Pressure(new RecordingTimeProvider());
        pressure.Committing(1);
        Assert.Equal(TimeSpan.Zero, await pressure.YieldAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_applier_waits_for_a_burst_to_end()
    {
        var time = new RecordingTimeProvider();
        var pressure = Pressure(time);
        pressure.Committing(64);

        var (waited, delays) = await time.RunAsync(pressure.YieldAsync(CancellationToken.None));

        Assert.NotEmpty(delays);
        Assert.True(waited >= InboxPressure.Memory, $"waited {waited}, crowding lasts {InboxPressure.Memory}");
        Assert.True(waited < TimeSpan.FromSeconds(2), $"waited {waited} although the burst ended");
    }

    [Fact]
    public async Task A_sender_that_never_lets_up_delays_the_applier_by_at_most_the_max_yield()
    {
        var time = new RecordingTimeProvider();
        var pressure = Pressure(time, maxYieldSeconds: 1);
        pressure.Committing(64);
        var yielding = pressure.YieldAsync(CancellationToken.None);

        // The inbox stays crowded at every step of the applier's wait.
        var steps = 0;
        while (true)
        {
            var next = time.NextDelayAsync();
            if (await Task.WhenAny(yielding, next) == yielding)
            {
                break;
            }
            var delay = await next;
            pressure.Committing(64);
            time.Advance(delay);
            Assert.True(++steps < 1000, "the applier kept waiting for a crowded inbox");
        }

        var waited = await yielding;
        Assert.True(waited >= TimeSpan.FromSeconds(1) && waited < TimeSpan.FromSeconds(1.1), $"waited {waited}");
    }
}
