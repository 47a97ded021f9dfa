using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>Settings of the QTickets REST client, bound from the <c>Qtickets</c> configuration section.</summary>
public sealed class QticketsOptions
{
    public const string SectionName = "Qtickets";

    public string BaseUrl { get; set; } = "https://qtickets.ru/api/rest/v1/";

    public string Token { get; set; } = "";

    /// <summary>Sent as <c>organization=…</c> on list requests when set (the field report needed it, docs/sources.md).</summary>
    public string? Organization { get; set; }

    public int PageSize { get; set; } = 200;

    /// <summary>Client-side cap on requests per second; 0 turns the limiter off.</summary>
    public int RequestsPerSecond { get; set; } = 5;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public int MaxRetries { get; set; } = 6;

    /// <summary>Base of the exponential back-off between retries.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When true, a webhook is trusted only after the order is fetched back from the API.</summary>
    public bool VerifyByFetch { get; set; }

    /// <summary>
    /// An order stamped <c>updated_at</c> further ahead of our clock than this is quarantined, not applied
    /// (webhooks and reconcile alike): it would otherwise win over every genuine update after it.
    /// </summary>
    public TimeSpan MaxFutureSkew { get; set; } = FutureStampOptions.DefaultMaxFutureSkew;

    /// <summary>
    /// False when only <c>Accounts:n</c> sections name accounts: the token then comes from each of them. Not a
    /// setting (no public setter): it follows from the others.
    /// </summary>
    public bool TokenRequired { get; internal set; } = true;

    /// <summary>The timeouts, retries and rate the client's resilience pipeline is built from.</summary>
    public UpstreamLimits Limits => new(TotalTimeout, AttemptTimeout, MaxRetries, RetryBaseDelay, RequestsPerSecond);
}
