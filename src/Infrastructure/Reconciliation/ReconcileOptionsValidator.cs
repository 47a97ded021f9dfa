using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

internal sealed class ReconcileOptionsValidator : IValidateOptions<ReconcileOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconcileOptions options)
    {
        var failures = new List<string>();
        CheckCron(failures, "Reconcile:IncrementalCron", options.IncrementalCron);
        CheckCron(failures, "Reconcile:FullSweepCron", options.FullSweepCron);
        CheckCron(failures, "Reconcile:CatalogCron", options.CatalogCron);
        if (options.Overlap < TimeSpan.Zero || options.Overlap > TimeSpan.FromDays(1))
        {
            failures.Add("Reconcile:Overlap must be between 00:00:00 and 1.00:00:00.");
        }
        if (options.InitialHorizonHours is < 0 or > 24 * 366 * 10)
        {
            failures.Add("Reconcile:InitialHorizonHours (or QTICKETS_SINCE_HOURS) must be between 0 (everything QTickets serves) and 87840.");
        }
        if (options.FullSweepHorizonDays is < 1 or > 3660)
        {
            failures.Add("Reconcile:FullSweepHorizonDays must be between 1 and 3660.");
        }
        if (options.TailHours is < 1 or > 24 * 365)
        {
            failures.Add("Reconcile:TailHours must be between 1 and 8760.");
        }
        if (options.PageSize is < 1 or > 1000)
        {
            failures.Add("Reconcile:PageSize must be between 1 and 1000.");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Reconcile:TimeZone '{options.TimeZone}' is not a known time zone.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void CheckCron(List<string> failures, string setting, string value)
    {
        // Hangfire parses the expression fully when the recurring job is registered; this catches the usual slip early.
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            failures.Add($"{setting} '{value}' must be a cron expression of 5 or 6 fields.");
        }
    }
}
