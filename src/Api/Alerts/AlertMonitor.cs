using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Alerts;

/// <summary>
/// Judges the rules every <see cref="AlertOptions.EvaluationInterval"/> on every instance and sends what this
/// instance claims. Runs beside the sync, never inside it: a failure here is logged and the next tick tries again.
/// </summary>
public sealed partial class AlertMonitor(
    AlertFacts facts,
    AlertStateStore store,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptionsMonitor<AlertOptions> options,
    ILogger<AlertMonitor> logger) : BackgroundService
{
    /// <summary>One evaluation: judge, claim, send. Returns the messages this instance sent.</summary>
    public async Task<IReadOnlyList<AlertMessage>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var conditions = await facts.JudgeAsync(settings.EffectiveRules(), cancellationToken);
        var now = time.GetUtcNow();
        var sent = new List<AlertMessage>();
        // The notifier is a typed client: a scope per evaluation lets the factory rotate its handler.
        await using var scope = scopes.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<AlertNotifier>();
        foreach (var condition in conditions)
        {
            if (await store.ClaimAsync(condition, now, cancellationToken) is not { } message)
            {
                continue;
            }
            LogClaimed(message.Kind, message.Account, message.Rule, message.Detail);
            await notifier.SendAsync(message, cancellationToken);
            sent.Add(message);
        }
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.CurrentValue.EvaluationInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogEvaluationFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind}: {Account}/{Rule}: {Detail}")]
    private partial void LogClaimed(string kind, string account, string rule, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert evaluation failed; trying again at the next tick")]
    private partial void LogEvaluationFailed(Exception ex);
}
