using System.Text.Json;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// What a platform implements so its accounts' webhooks are taken in and applied: what its deliveries are about
/// and how to read one, stored, into the order it carries. The door (signature, size, headers, the inbox row) and
/// the applier (claiming, the merge, marking) are the same for every platform; they ask
/// <see cref="WebhookPlatforms"/>, never the platform by name (docs/decisions/0020).
/// </summary>
public interface IWebhookPlatform
{
    /// <summary>The platform (<see cref="Domain.Accounts.AccountPlatforms"/>) whose accounts' webhooks this reads.</summary>
    string Platform { get; }

    /// <summary>The only <c>X-Model-Name</c> taken (the header may be left out).</summary>
    string ModelName { get; }

    /// <summary>The <c>X-Event-Type</c> values the platform documents; another is stored and flagged, not applied.</summary>
    IReadOnlySet<string> EventTypes { get; }

    /// <summary>
    /// The order a body is about, from its root object, read at the door to file the delivery; false when a value
    /// is there but cannot be read (a number no type holds, a lone surrogate).
    /// </summary>
    bool TryIdentify(JsonElement root, out WebhookOrderKey key);

    /// <summary>
    /// True when the account's deliveries are only notices and each order is fetched back from its API (an
    /// unsigned delivery proves nothing; the platform may ask for it always).
    /// </summary>
    bool FetchesBack(SyncAccount account);

    /// <summary>How far ahead of our clock an order's stamp may be before the delivery is quarantined.</summary>
    TimeSpan MaxFutureSkew { get; }

    /// <summary>One stored body (the UTF-8 bytes as received) read into the order it carries.</summary>
    StoredWebhookBody Read(ReadOnlyMemory<byte> body);

    /// <summary>
    /// How the order a delivery names is fetched back from <paramref name="account"/>'s API; asked for once per
    /// batch (clients are short-lived, the applier is not).
    /// </summary>
    FetchOrder OrderFetch(SyncAccount account);
}
