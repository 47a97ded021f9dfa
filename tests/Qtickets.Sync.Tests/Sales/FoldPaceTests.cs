using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Sales;

namespace Qtickets.Sync.Tests.Sales;

/// <summary>How long the folder waits between folds: the interval when folding is cheap, a bounded share when it is not.</summary>
public class FoldPaceTests
{
    private static readonly SalesOptions Defaults = new() { FoldInterval = TimeSpan.FromSeconds(2), FoldShare = 0.2 };

    [Fact]
    public void A_quick_fold_keeps_the_interval_from_start_to_start()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1900), DailySalesFolderService.Pause(TimeSpan.FromMilliseconds(100), Defaults));
    }

    [Fact]
    public void A_slow_fold_is_followed_by_four_times_its_length_so_folding_takes_at_most_a_fifth_of_the_time()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), DailySalesFolderService.Pause(TimeSpan.FromMilliseconds(1500), Defaults));
    }

    [Fact]
    public void With_the_whole_share_allowed_a_fold_longer_than_the_interval_is_followed_at_once()
    {
        var options = new SalesOptions { FoldInterval = TimeSpan.FromSeconds(2), FoldShare = 1 };
        Assert.Equal(TimeSpan.Zero, DailySalesFolderService.Pause(TimeSpan.FromSeconds(3), options));
    }
}
