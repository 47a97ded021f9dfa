using Qtickets.Sync.Domain.Alerts;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// Alerts (<c>Alerts</c> section). Every rule kind is on with its default threshold; a configured rule
/// (<c>Alerts:Rules:n:Kind</c>) replaces the default of its kind. Messages go to every target.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>The only account today; alerts and the dashboard name it so more can follow.</summary>
    public const string DefaultAccount = "default";

    /// <summary>How often conditions are checked; off when <see cref="TimeSpan.Zero"/>.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    public List<AlertRuleOptions> Rules { get; set; } = [];

    public List<AlertTargetOptions> Targets { get; set; } = [];

    /// <summary>Timeout of one POST to a target; retries come on top, within <see cref="SendTimeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<AlertRuleOptions> Defaults { get; } =
    [
        new() { Kind = AlertRuleKinds.WebhookLag, MaxAge = TimeSpan.FromMinutes(5) },
        new() { Kind = AlertRuleKinds.ReconcileStale, MaxAge = TimeSpan.FromMinutes(30) },
        new() { Kind = AlertRuleKinds.FailedDeliveries, MaxCount = 0 },
        new() { Kind = AlertRuleKinds.TokenRejected },
        new() { Kind = AlertRuleKinds.SalesDrift, MaxCount = 0 },
    ];

    /// <summary>The defaults with each configured rule in place of its kind's default.</summary>
    public IReadOnlyList<AlertRuleOptions> EffectiveRules() =>
        Defaults.Select(d => Rules.LastOrDefault(r => r.Kind == d.Kind) ?? d).Where(r => r.Enabled).ToList();
}

public sealed class AlertRuleOptions
{
    /// <summary>One of <see cref="AlertRuleKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>Threshold of <c>webhook_lag</c> and <c>reconcile_stale</c>.</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Threshold of <c>failed_deliveries</c> and <c>sales_drift</c>: the alert fires above it.</summary>
    public long? MaxCount { get; set; }

    /// <summary>While the condition lasts, the message is repeated at most this often.</summary>
    public TimeSpan RepeatEvery { get; set; } = TimeSpan.FromMinutes(60);
}

/// <summary>Where messages go: <c>json</c> (a generic POST) or <c>telegram</c> (Bot API <c>sendMessage</c>).</summary>
public sealed class AlertTargetOptions
{
    public const string Json = "json";
    public const string Telegram = "telegram";

    /// <summary>For Telegram: <c>https://api.telegram.org/bot&lt;token&gt;/sendMessage</c>.</summary>
    public Uri? Url { get; set; }

    public string Format { get; set; } = Json;

    /// <summary>Telegram chat id (required for <c>telegram</c>).</summary>
    public string? ChatId { get; set; }
}
