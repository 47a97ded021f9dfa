namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>An account name that no <c>Accounts:n:Name</c> (nor the single-account settings) configures.</summary>
public sealed class UnknownAccountException(string name, IEnumerable<string> known)
    : Exception($"No account named '{name}' is configured; known: {string.Join(", ", known)}.")
{
    public string Name { get; } = name;
}
