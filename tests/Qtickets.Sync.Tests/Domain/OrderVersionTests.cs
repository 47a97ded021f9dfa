using Qtickets.Sync.Domain.Orders;

using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Domain;

public class OrderVersionTests
{
    private static readonly DateTimeOffset Second = new(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public void A_newer_updated_at_supersedes_an_older_one_whatever_the_progress()
    {
        var stored = new OrderVersion(Second, Progress: 5);
        var incoming = new OrderVersion(Second.AddSeconds(1), Progress: 1);

        Assert.True(incoming.Supersedes(stored));
        Assert.False(stored.Supersedes(incoming));
    }

    [Fact]
    public void A_refund_in_the_same_second_as_the_update_before_it_wins()
    {
        var update = SampleOrders.Order4360();
        var refund = SampleOrders.Order4360();
        refund.Baskets[0].RefundedAt = refund.UpdatedAt;
        refund.Baskets[0].RefundedAmount = 150;

        var updateVersion = new OrderVersion(update.UpdatedAt, OrderProgress.Of(update));
        var refundVersion = new OrderVersion(refund.UpdatedAt, OrderProgress.Of(refund));

        Assert.True(refundVersion.Supersedes(updateVersion));
        Assert.False(updateVersion.Supersedes(refundVersion));
    }

    [Fact]
    public void The_same_version_again_is_allowed_so_a_replay_ends_in_the_same_row()
    {
        var version = new OrderVersion(Second, 2);

        Assert.True(version.Supersedes(new OrderVersion(Second, 2)));
    }

    [Fact]
    public void Offsets_do_not_matter_only_the_instant()
    {
        var moscow = new OrderVersion(Second, 0);
        var utcOneSecondEarlier = new OrderVersion(Second.ToUniversalTime().AddSeconds(-1), 0);

        Assert.False(utcOneSecondEarlier.Supersedes(moscow));
    }

    [Fact]
    public void Progress_counts_payment_cancellation_refunds_scans_and_removals()
    {
        var order = SampleOrders.Order4360();
        Assert.Equal(1, OrderProgress.Of(order));

        order.Baskets[0].RefundedAt = order.UpdatedAt;
        order.Baskets[1].CheckedAt = order.UpdatedAt;
        order.Baskets[2].DeletedAt = order.UpdatedAt;
        order.DeletedAt = order.UpdatedAt;

        Assert.Equal(5, OrderProgress.Of(order));
    }
}
