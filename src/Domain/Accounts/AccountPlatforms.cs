namespace Qtickets.Sync.Domain.Accounts;

/// <summary>The platforms an account can be on (<c>Accounts:n:Platform</c>).</summary>
public static class AccountPlatforms
{
    public const string Qtickets = "qtickets";
    public const string Ticketscloud = "ticketscloud";

    public static readonly IReadOnlyList<string> All = [Qtickets, Ticketscloud];
}
