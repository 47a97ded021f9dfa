using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// How long the delivery inbox keeps what: <c>Webhooks:Retention</c>. Applied (and dead) deliveries are deleted
/// after <see cref="AppliedDays"/>, refused ones after <see cref="RejectedDays"/>; bodies and headers of
/// settled deliveries, which hold buyers' names, e-mails and phones, are blanked after
/// <see cref="PersonalDataDays"/>. Pending, failed and quarantined deliveries are never touched: they are work.
/// </summary>
public sealed class WebhookRetentionOptions
{
    public const string Section = "Webhooks:Retention";

    public int AppliedDays { get; set; } = 30;

    public int RejectedDays { get; set; } = 7;

    public int PersonalDataDays { get; set; } = 14;

    /// <summary>When the retention job runs (cron, in <c>Reconcile:TimeZone</c>).</summary>
    public string Cron { get; set; } = "30 4 * * *";
}

internal sealed class WebhookRetentionOptionsValidator : IValidateOptions<WebhookRetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookRetentionOptions options)
    {
        var failures = new List<string>();
        if (options.AppliedDays < 1 || options.RejectedDays < 1 || options.PersonalDataDays < 1)
        {
            failures.Add($"{WebhookRetentionOptions.Section}:AppliedDays, RejectedDays and PersonalDataDays must each be at least 1");
        }
        if (string.IsNullOrWhiteSpace(options.Cron))
        {
            failures.Add($"{WebhookRetentionOptions.Section}:Cron is required");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
