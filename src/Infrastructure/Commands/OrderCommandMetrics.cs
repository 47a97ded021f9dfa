using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>Order command counters on the service's <c>Qtickets.Sync</c> meter, by action and outcome.</summary>
public sealed class OrderCommandMetrics
{
    private readonly Counter<long> commands;
    private readonly Histogram<double> duration;
    private readonly Counter<long> calls;

    public OrderCommandMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Reconciliation.ReconcileMetrics.MeterName);
        commands = meter.CreateCounter<long>("order_commands_total",
            description: "Order action requests by action and outcome (succeeded, failed, unknown, running, replayed, invalid, key_reused, not_found).");
        duration = meter.CreateHistogram<double>("order_command_duration_seconds", unit: "s",
            description: "Time to answer an order action request, lock wait included, by action and outcome.");
        calls = meter.CreateCounter<long>("order_command_calls_total",
            description: "Write calls sent to a platform by the command path, by platform, action and answer (applied, refused, busy, lost).");
    }

    public void Finished(string action, CommandResult result, TimeSpan elapsed)
    {
        var outcome = result switch
        {
            CommandResult.Done { Replayed: true } => "replayed",
            CommandResult.Done done => done.Command.State,
            CommandResult.Invalid => "invalid",
            CommandResult.KeyReused => "key_reused",
            CommandResult.OrderNotFound or CommandResult.AccountNotFound => "not_found",
            _ => "other",
        };
        var tags = new TagList { { "action", Domain.Commands.OrderActionKinds.All.Contains(action) ? action : "other" }, { "outcome", outcome } };
        commands.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Called(string platform, string action, CommandAnswerKind answer) =>
        calls.Add(1, new TagList { { "platform", platform }, { "action", action }, { "answer", answer.ToString().ToLowerInvariant() } });
}
