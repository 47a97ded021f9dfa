using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>An inbox of a test's own, whose writer runs only once the test starts it, and deliveries to queue in it.</summary>
internal static class TestInbox
{
    public static WebhookInbox Create(NpgsqlDataSource dataSource, IOptions<WebhookOptions> options) =>
        new(dataSource, options, new WebhookApplySignal(), new InboxPressure(options, TimeProvider.System), TimeProvider.System, NullLogger<WebhookInbox>.Instance);

    /// <summary>A signed <c>updated</c> delivery the intake took, holding <paramref name="body"/>.</summary>
    public static IncomingDelivery Pending(string body) => new()
    {
        ReceivedAt = DateTimeOffset.UtcNow,
        EventType = WebhookEventTypes.Updated,
        SignatureStatus = SignatureStatuses.Valid,
        HeadersJson = "{}",
        Body = body,
        BodySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
        Status = DeliveryStatuses.Pending,
        ResponseStatus = 200,
    };
}
