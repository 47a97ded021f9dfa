using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Alerts;

namespace Qtickets.Sync.Api.Alerts;

public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var errors = new List<string>();
        if (options.EvaluationInterval < TimeSpan.Zero)
        {
            errors.Add("Alerts:EvaluationInterval must not be negative.");
        }
        if (options.AttemptTimeout <= TimeSpan.Zero || options.SendTimeout < options.AttemptTimeout)
        {
            errors.Add("Alerts:AttemptTimeout must be positive and Alerts:SendTimeout at least as long.");
        }
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var at = $"Alerts:Rules:{i}";
            if (!AlertRuleKinds.All.Contains(rule.Kind))
            {
                errors.Add($"{at}:Kind must be one of {string.Join(", ", AlertRuleKinds.All)} (got '{rule.Kind}').");
                continue;
            }
            if (rule.Kind is AlertRuleKinds.WebhookLag or AlertRuleKinds.ReconcileStale && !(rule.MaxAge > TimeSpan.Zero))
            {
                errors.Add($"{at}:MaxAge must be a positive duration for {rule.Kind}.");
            }
            if (rule.Kind is AlertRuleKinds.FailedDeliveries or AlertRuleKinds.SalesDrift && rule.MaxCount is not >= 0)
            {
                errors.Add($"{at}:MaxCount must be 0 or more for {rule.Kind}.");
            }
            if (rule.RepeatEvery <= TimeSpan.Zero)
            {
                errors.Add($"{at}:RepeatEvery must be positive.");
            }
        }
        for (var i = 0; i < options.Targets.Count; i++)
        {
            var target = options.Targets[i];
            var at = $"Alerts:Targets:{i}";
            if (target.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{at}:Url must be an absolute http(s) URL.");
            }
            if (target.Format is not (AlertTargetOptions.Json or AlertTargetOptions.Telegram))
            {
                errors.Add($"{at}:Format must be '{AlertTargetOptions.Json}' or '{AlertTargetOptions.Telegram}'.");
            }
            else if (target.Format == AlertTargetOptions.Telegram && string.IsNullOrWhiteSpace(target.ChatId))
            {
                errors.Add($"{at}:ChatId is required for Telegram.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
