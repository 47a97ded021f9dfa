namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>The webhook host with QTickets' API replaced by <see cref="Support.SyncApiFactory.Upstream"/>.</summary>
public class FetchBackWebhookFactory : WebhookApiFactory
{
    protected override bool UsesFakeUpstream => true;
}

/// <summary>With <c>Qtickets:VerifyByFetch</c> on: every webhook is only a notice to fetch the order.</summary>
public sealed class VerifyByFetchWebhookFactory : FetchBackWebhookFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Qtickets:VerifyByFetch"] = "true",
    };
}
