namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>
/// An account as the command path needs it: its id, platform, and where and how to reach the platform's API.
/// </summary>
public sealed record CommandAccount(int Id, string Name, string Platform, Uri BaseUrl, string Token)
{
    /// <summary>The token stays out of logs and exception messages.</summary>
    public override string ToString() => $"CommandAccount {{ Id = {Id}, Name = {Name}, Platform = {Platform}, BaseUrl = {BaseUrl} }}";
}

/// <summary>Finds the account an order action names.</summary>
public interface ICommandAccounts
{
    /// <summary>The account called <paramref name="name"/>, or null when there is none (or it is disabled).</summary>
    Task<CommandAccount?> FindAsync(string name, CancellationToken cancellationToken);
}
