using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// What <c>/dashboard?account=&amp;platform=&amp;event=</c> narrows every figure of the page to. An event id is a
/// platform's daily-sales key, so <c>event</c> goes with <c>platform</c>; without it the id is a QTickets event,
/// as the page's links were before Ticketscloud.
/// </summary>
public sealed record DashboardFilter(string? Account, string? Platform, long? EventId)
{
    public static readonly DashboardFilter None = new(null, null, null);

    public bool IsEmpty => Account is null && Platform is null && EventId is null;

    /// <summary>The platforms whose sales the page shows.</summary>
    public IReadOnlyList<string> Platforms => Platform is { } p ? [p] : AccountPlatforms.All;

    public bool Includes(SyncAccount account) =>
        (Account is null || account.Name == Account) && (Platform is null || account.Platform == Platform);

    /// <summary>
    /// This filter's link with some parts changed, for the page's links: a part left at its default (<c>""</c>,
    /// <c>-1</c>) keeps this filter's value, <c>null</c> drops it.
    /// </summary>
    public string Link(string? account = "", string? platform = "", long? eventId = -1)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("account", account == "" ? Account : account);
        Add("platform", platform == "" ? Platform : platform);
        Add("event", (eventId == -1 ? EventId : eventId)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "/dashboard" : "/dashboard?" + string.Join("&", parts);
    }

    /// <summary>The filter from the query string; a value naming nothing the service has is a field error in <paramref name="query"/>.</summary>
    public static DashboardFilter Parse(QueryText query, string? account, string? platform, string? eventId, IReadOnlyList<SyncAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(accounts);
        var chosenPlatform = query.OneOf("platform", platform?.Trim().ToLowerInvariant(), AccountPlatforms.All);
        var id = query.Long("event", eventId);
        string? chosenAccount = null;
        if (!string.IsNullOrWhiteSpace(account))
        {
            var found = accounts.FirstOrDefault(a => a.Name == account.Trim());
            if (found is null)
            {
                query.Fail("account", $"No account is named '{account.Trim()}'; the accounts are {string.Join(", ", accounts.Select(a => a.Name))}.");
            }
            else if (chosenPlatform is not null && found.Platform != chosenPlatform)
            {
                query.Fail("platform", $"Account '{found.Name}' is a {found.Platform} account, not {chosenPlatform}.");
            }
            else
            {
                chosenAccount = found.Name;
                chosenPlatform ??= id is null ? null : found.Platform;
            }
        }
        if (id is not null && chosenPlatform is null && !query.HasErrors)
        {
            chosenPlatform = AccountPlatforms.Qtickets;
        }
        return new DashboardFilter(chosenAccount, chosenPlatform, id);
    }
}
