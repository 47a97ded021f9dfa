namespace Qtickets.Sync.Api.Alerts;

/// <summary>How many days the maintained daily sales disagree with the order rows; null when not measured.</summary>
public interface ISalesDriftSource
{
    Task<long?> DriftDaysAsync(CancellationToken cancellationToken);
}

/// <summary>Until a drift check runs, there is nothing to report.</summary>
public sealed class NoSalesDriftSource : ISalesDriftSource
{
    public Task<long?> DriftDaysAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(null);
}
