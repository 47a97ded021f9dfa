using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>The <c>Qtickets</c> section's defaults for QTickets accounts, and the account <c>default</c> it describes.</summary>
public sealed class QticketsAccountDefaults(IOptions<QticketsOptions> options) : IPlatformAccountDefaults
{
    public string Platform => AccountPlatforms.Qtickets;

    public string BaseUrl => options.Value.BaseUrl;

    public int RequestsPerSecond => options.Value.RequestsPerSecond;

    public AccountSettings? SectionAccount(IReadOnlyList<string> webhookSecrets)
    {
        var qtickets = options.Value;
        return new AccountSettings(Account.DefaultName, Platform, qtickets.BaseUrl, qtickets.Token, webhookSecrets,
            qtickets.Organization, qtickets.RequestsPerSecond, Enabled: true, AccountSettings.QticketsPrefix);
    }
}
