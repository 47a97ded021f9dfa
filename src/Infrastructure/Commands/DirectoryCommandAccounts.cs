using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>The configured, enabled accounts of the <see cref="AccountDirectory"/>, as the command path needs them.</summary>
public sealed class DirectoryCommandAccounts(AccountDirectory directory) : ICommandAccounts
{
    public async Task<CommandAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(name, cancellationToken) is not { Settings.Enabled: true } account)
        {
            return null;
        }
        var baseUrl = account.Settings.BaseUrl.EndsWith('/') ? account.Settings.BaseUrl : account.Settings.BaseUrl + "/";
        return new CommandAccount(account.Id, account.Name, account.Platform, new Uri(baseUrl), account.Settings.Token);
    }
}
