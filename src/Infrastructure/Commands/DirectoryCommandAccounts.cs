using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>The configured, enabled accounts of the <see cref="AccountDirectory"/>, as the command path needs them.</summary>
public sealed class DirectoryCommandAccounts(AccountDirectory directory, TicketscloudAccounts ticketscloud) : ICommandAccounts
{
    public async Task<CommandAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(name, cancellationToken) is not { Settings.Enabled: true } account)
        {
            return null;
        }
        if (account.Platform == AccountPlatforms.Ticketscloud)
        {
            var tc = ticketscloud.For(account);
            return new CommandAccount(account.Id, account.Name, account.Platform, tc.BaseUrl, tc.Token, tc.TimeZone);
        }
        var baseUrl = account.Settings.BaseUrl.EndsWith('/') ? account.Settings.BaseUrl : account.Settings.BaseUrl + "/";
        return new CommandAccount(account.Id, account.Name, account.Platform, new Uri(baseUrl), account.Settings.Token, TicketscloudOptions.DefaultTimeZone);
    }
}
