namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>
/// What a platform's own settings give its accounts (<see cref="AccountDirectory"/>): the API base and rate an
/// <c>Accounts:n</c> entry without its own falls back to, and the account the platform's section describes by
/// itself (QTickets' single-account <c>Qtickets:…</c> settings, the account <c>default</c>).
/// </summary>
public interface IPlatformAccountDefaults
{
    /// <summary>The platform (<see cref="Domain.Accounts.AccountPlatforms"/>).</summary>
    string Platform { get; }

    string BaseUrl { get; }

    int RequestsPerSecond { get; }

    /// <summary>The account the platform's settings section describes, or null when it describes none.</summary>
    AccountSettings? SectionAccount(IReadOnlyList<string> webhookSecrets);
}
