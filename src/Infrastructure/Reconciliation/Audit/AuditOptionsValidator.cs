using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Audit;

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        ReconcileOptionsValidator.CheckCron(failures, "Audit:Cron", options.Cron);
        if (options.InFlightMargin < TimeSpan.Zero || options.InFlightMargin > TimeSpan.FromHours(1))
        {
            failures.Add("Audit:InFlightMargin must be between 00:00:00 and 01:00:00.");
        }
        if (options.CompareTimeout < TimeSpan.FromSeconds(1) || options.CompareTimeout > TimeSpan.FromHours(6))
        {
            failures.Add("Audit:CompareTimeout must be between 00:00:01 and 06:00:00.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
