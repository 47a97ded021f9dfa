using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Settings shared by every Ticketscloud account, bound from the <c>Ticketscloud</c> section: transport limits
/// and the reconcile windows. What differs per account (key, base URL, default zone) is a <see cref="TicketscloudAccount"/>.
/// </summary>
public sealed class TicketscloudOptions
{
    public const string SectionName = "Ticketscloud";

    public const string DefaultBaseUrl = "https://ticketscloud.com/";

    /// <summary>
    /// Zone for offset-less times when the event in <c>refs</c> names none: Ticketscloud is a Moscow platform and
    /// the reference notes say Europe/Moscow; an account may set its own.
    /// </summary>
    public const string DefaultTimeZone = "Europe/Moscow";

    /// <summary>
    /// Where a first sync walks from when <see cref="InitialHorizonDays"/> is 0 ("everything"): listings need a
    /// creation-date range, and no Ticketscloud order is older than this.
    /// </summary>
    public static readonly DateTimeOffset HistoryStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Rows per listing page asked for (the documented maximum is 200).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Attempts per second towards Ticketscloud from this instance, all accounts together; 0 = off.</summary>
    public int RequestsPerSecond { get; set; } = 5;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public int MaxRetries { get; set; } = 6;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Days of creation dates the incremental run walks again (status changes come only that way).</summary>
    public int RecentDays { get; set; } = 14;

    /// <summary>
    /// Days of creation dates an account's first sync loads; 0 (the default) loads everything Ticketscloud serves.
    /// Only the first run of an account that has never synced loads history; later runs walk <see cref="RecentDays"/>.
    /// </summary>
    public int InitialHorizonDays { get; set; }

    /// <summary>Days of creation dates the nightly full sweep walks.</summary>
    public int FullSweepHorizonDays { get; set; } = 365;

    /// <summary>When the recurring incremental run starts (in <c>Reconcile:TimeZone</c>, like the QTickets crons).</summary>
    public string IncrementalCron { get; set; } = "*/5 * * * *";

    /// <summary>When the nightly full sweep starts.</summary>
    public string FullSweepCron { get; set; } = "15 3 * * *";

    /// <summary>
    /// <c>Accounts:n:TimeZone</c> of each Ticketscloud account that sets one, by account name (filled from the
    /// accounts' settings, not bound from this section).
    /// </summary>
    public Dictionary<string, string> AccountTimeZones { get; } = new(StringComparer.Ordinal);

    /// <summary>The zone of the account's offset-less times: its own <c>TimeZone</c>, else <see cref="DefaultTimeZone"/>.</summary>
    public string ZoneOf(string account) => AccountTimeZones.GetValueOrDefault(account) ?? DefaultTimeZone;

    /// <summary>The timeouts, retries and rate the client's resilience pipeline is built from.</summary>
    public UpstreamLimits Limits => new(TotalTimeout, AttemptTimeout, MaxRetries, RetryBaseDelay, RequestsPerSecond);
}
