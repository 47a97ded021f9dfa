namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>A configured account with its row id in <c>accounts</c>: what jobs, webhooks and writers work with.</summary>
public sealed record SyncAccount(int Id, AccountSettings Settings)
{
    public string Name => Settings.Name;
    public string Platform => Settings.Platform;

    public override string ToString() => $"{Name} (#{Id})";
}
