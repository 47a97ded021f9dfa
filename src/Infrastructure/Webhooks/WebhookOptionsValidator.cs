using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Webhooks;

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    private const string Section = WebhookOptions.Section;

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.AcceptQueueMaxBytes < options.MaxBodyBytes * 2L)
        {
            failures.Add($"{Section}:AcceptQueueMaxBytes must hold at least one body of {Section}:MaxBodyBytes");
        }
        if (options.RefusalCoalesceWindow < TimeSpan.Zero)
        {
            failures.Add($"{Section}:RefusalCoalesceWindow must not be negative");
        }
        if (options.RefusalsPerWindow < 1 || options.RefusalWindow <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RefusalsPerWindow must be at least 1 and {Section}:RefusalWindow positive");
        }
        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"{Section}:MaxBodyBytes must be between 1024 and 67108864");
        }
        if (options.AcceptBatchSize is < 1 or > 5000)
        {
            failures.Add($"{Section}:AcceptBatchSize must be between 1 and 5000");
        }
        if (options.AcceptQueueCapacity < options.AcceptBatchSize)
        {
            failures.Add($"{Section}:AcceptQueueCapacity must be at least {Section}:AcceptBatchSize");
        }
        if (options.ApplyBatchSize is < 1 or > 5000)
        {
            failures.Add($"{Section}:ApplyBatchSize must be between 1 and 5000");
        }
        if (options.ApplyConcurrency is < 1 or > 16)
        {
            failures.Add($"{Section}:ApplyConcurrency must be between 1 and 16");
        }
        if (options.AnalyzeAfterBacklog < 0)
        {
            failures.Add($"{Section}:AnalyzeAfterBacklog must be 0 (leave it to autovacuum) or more");
        }
        if (options.ApplyGatherDelay < TimeSpan.Zero || options.ApplyGatherDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Section}:ApplyGatherDelay must be between 00:00:00 and 00:00:10");
        }
        if (options.ApplyYieldBacklog < 0 || options.ApplyYieldBacklog > options.AcceptBatchSize)
        {
            failures.Add($"{Section}:ApplyYieldBacklog must be between 0 (never give way) and {Section}:AcceptBatchSize");
        }
        if (options.ApplyMaxYield < TimeSpan.Zero || options.ApplyMaxYield > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:ApplyMaxYield must be between 00:00:00 and 00:01:00");
        }
        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:SweepInterval must be positive");
        }
        if (options.MaxApplyAttempts is < 1 or > 100)
        {
            failures.Add($"{Section}:MaxApplyAttempts must be between 1 and 100");
        }
        if (options.RetryBaseDelay <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RetryBaseDelay must be positive");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
