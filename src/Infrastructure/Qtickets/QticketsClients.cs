using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// The QTickets client of an account: the registered <see cref="IQticketsClient"/> for the account the
/// <c>Qtickets:…</c> settings describe (tests put their fake in its place), a client on the account's named
/// <see cref="HttpClient"/> (its base URL, token, rate limit and resilience pipeline) for the others. Clients are
/// cheap and short-lived: ask for one per run or batch, as with any typed client.
/// </summary>
public sealed class QticketsClients(
    IServiceProvider services, IHttpClientFactory httpClients, IOptionsMonitor<QticketsOptions> options, ILoggerFactory loggers)
{
    public static string HttpClientName(string account) => $"{QticketsClient.HttpClientName}:{account}";

    public IQticketsClient For(SyncAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return For(account.Settings);
    }

    public IQticketsClient For(AccountSettings account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Platform != AccountPlatforms.Qtickets)
        {
            throw new InvalidOperationException($"Account '{account.Name}' is a {account.Platform} account, not a QTickets one.");
        }
        if (account.FromQticketsSettings)
        {
            return services.GetRequiredService<IQticketsClient>();
        }
        return new QticketsClient(
            httpClients.CreateClient(HttpClientName(account.Name)),
            Options.Create(OptionsFor(account)),
            loggers.CreateLogger<QticketsClient>());
    }

    /// <summary>
    /// The account's QTickets settings: the <c>Qtickets</c> section with the account's base URL, token,
    /// organization and rate (what another client of the same account, e.g. one that writes, should use).
    /// </summary>
    public QticketsOptions OptionsFor(AccountSettings account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.FromQticketsSettings ? options.CurrentValue : options.Get(account.Name);
    }
}
