using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Tests.Webhooks;

namespace Qtickets.Sync.Tests.PersonalData;

/// <summary>The webhook-receiving service with a second account on the other platform (Ticketscloud, never called).</summary>
public sealed class PersonalDataFactory : WebhookApiFactory
{
    public const string TicketscloudAccount = "tc-erasure";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Accounts:0:Name"] = TicketscloudAccount,
        ["Accounts:0:Platform"] = "ticketscloud",
        ["Accounts:0:BaseUrl"] = "https://ticketscloud.invalid/",
        ["Accounts:0:Token"] = "test-tc-token",
        ["Accounts:0:TimeZone"] = "Europe/Moscow",
    };

    public async Task<int> TicketscloudAccountIdAsync() =>
        (await GetRequiredService<AccountDirectory>().GetAsync(TicketscloudAccount, CancellationToken.None)).Id;
}
