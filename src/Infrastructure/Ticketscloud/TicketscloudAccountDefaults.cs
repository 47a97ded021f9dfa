using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>Where a Ticketscloud account's API lives when <c>Accounts:n:BaseUrl</c> is not set, and its rate.</summary>
public sealed class TicketscloudAccountDefaults(IOptions<TicketscloudOptions> options) : IPlatformAccountDefaults
{
    public const string DefaultBaseUrl = "https://ticketscloud.com/";

    public string Platform => AccountPlatforms.Ticketscloud;

    public string BaseUrl => DefaultBaseUrl;

    public int RequestsPerSecond => options.Value.RequestsPerSecond;

    /// <summary>Ticketscloud accounts are listed under <c>Accounts:n</c> only.</summary>
    public AccountSettings? SectionAccount(IReadOnlyList<string> webhookSecrets) => null;
}
