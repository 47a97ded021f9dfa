using Qtickets.Emulator.Faults;

namespace Qtickets.Emulator;

/// <summary>Configuration section <c>Emulator</c> (environment form <c>Emulator__Orders=100000</c>).</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>Seed of every random choice: data set, activity and faults.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Orders in the initial data set, the documented order 4360 included.</summary>
    public int Orders { get; set; } = 10_000;

    /// <summary>Orders are created over this many days before start-up.</summary>
    public double HorizonDays { get; set; } = 30;

    /// <summary>Bearer token the REST API accepts (the first organizer's; see <see cref="Organizers"/>).</summary>
    public string Token { get; set; } = "emulator-token";

    /// <summary>
    /// Organizers (QTickets accounts) served, each with orders of its own: the first answers to <see cref="Token"/>
    /// and carries the activity, faults and webhooks; organizer k (1, 2, …) answers to <c>{Token}-{k}</c>.
    /// </summary>
    public int Organizers { get; set; } = 1;

    /// <summary>Orders of each further organizer (their order ids overlap the first's, as ids of different accounts may).</summary>
    public int OrdersPerOrganizer { get; set; } = 200;

    /// <summary>Where webhooks go; none are sent when empty.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>HMAC-SHA1 key for <c>X-Signature</c>; the header is omitted when empty.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Multiplies QTickets' n³-second retry back-off, so tests can retry in milliseconds.</summary>
    public double WebhookRetryScale { get; set; } = 1.0;

    public int WebhookMaxRetries { get; set; } = 10;

    /// <summary>Random changes per second applied by the background simulator; 0 turns it off.</summary>
    public double ActivityPerSecond { get; set; }

    /// <summary>
    /// When true, <c>payed=1</c> listings leave out cancelled paid orders, so a client relying on them alone
    /// misses cancellations and needs a full sweep.
    /// </summary>
    public bool PaidListingExcludesCancelled { get; set; }

    /// <summary>How listings treat filters, order and page size: <c>documented</c>, <c>captured</c> or <c>ignore-all</c>.</summary>
    public string ServerBehaviour { get; set; } = "documented";

    /// <summary><see cref="ServerBehaviour"/> read; null when it names no behaviour.</summary>
    public ServerBehaviour? Behaviour => ServerBehaviour.Trim().ToLowerInvariant() switch
    {
        "documented" => Emulator.ServerBehaviour.Documented,
        "captured" => Emulator.ServerBehaviour.Captured,
        "ignore-all" or "ignoreall" => Emulator.ServerBehaviour.IgnoreAll,
        _ => null,
    };

    public FaultSettings Faults { get; set; } = new();

    /// <summary>How long each order write call (refund, delete, restore, basket edit) takes before it is applied.</summary>
    public int CommandProcessingDelayMs { get; set; }

    /// <summary>The first this-many applied refunds are answered by dropping the connection (the caller never hears).</summary>
    public int DropConnectionAfterRefunds { get; set; }
}
