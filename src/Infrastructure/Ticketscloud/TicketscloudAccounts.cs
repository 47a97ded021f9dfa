using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// What the Ticketscloud client needs of a configured account: its base URL and key (<c>Accounts:n:BaseUrl</c>,
/// <c>Accounts:n:Token</c>) and its zone for times of events refs give none (<c>Accounts:n:TimeZone</c>, default
/// <see cref="TicketscloudOptions.DefaultTimeZone"/>).
/// </summary>
public sealed class TicketscloudAccounts(IOptions<TicketscloudOptions> options)
{
    public TicketscloudAccount For(SyncAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var settings = account.Settings;
        var baseUrl = settings.BaseUrl.EndsWith('/') ? settings.BaseUrl : settings.BaseUrl + "/";
        return new TicketscloudAccount(new Uri(baseUrl), settings.Token,
            options.Value.ZoneOf(settings.Name), account.Id);
    }
}
