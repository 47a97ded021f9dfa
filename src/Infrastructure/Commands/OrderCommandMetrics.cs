using Prometheus;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>The <c>qtickets_sync_order_command*</c> metrics of the order action path.</summary>
public sealed class OrderCommandMetrics : ISyncMetricSet
{
    private const string Other = "other";
    private const string Replayed = "replayed";
    private const string Invalid = "invalid";
    private const string KeyReused = "key_reused";
    private const string NotFound = "not_found";
    private static readonly IReadOnlyList<string> Outcomes =
    [
        OrderCommandStates.Succeeded, OrderCommandStates.Failed, OrderCommandStates.Unknown, OrderCommandStates.Running,
        Replayed, Invalid, KeyReused, NotFound,
    ];
    private static readonly IReadOnlyList<CommandAnswerKind> Answers = Enum.GetValues<CommandAnswerKind>();

    private readonly Counter commands;
    private readonly Histogram duration;
    private readonly Counter calls;

    public OrderCommandMetrics(IMetricFactory metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        commands = metrics.CreateCounter("qtickets_sync_order_commands_total",
            "Order action requests by action and outcome (succeeded, failed, unknown, running, replayed, invalid, key_reused, not_found).",
            ["action", "outcome"]);
        duration = metrics.CreateHistogram("qtickets_sync_order_command_duration_seconds",
            "Seconds to answer an order action request, lock wait included, by action and outcome.", ["action", "outcome"],
            new HistogramConfiguration { Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        calls = metrics.CreateCounter("qtickets_sync_order_command_calls_total",
            "Write calls sent to a platform by the command path, by platform, action and answer (applied, refused, busy, lost).",
            ["platform", "action", "answer"]);
        foreach (var labels in LabelSets.Of(OrderActionKinds.All, Outcomes))
        {
            commands.WithLabels(labels);
            duration.WithLabels(labels);
        }
        foreach (var labels in LabelSets.Of(OrderActionKinds.All, Answers.Select(Label)))
        {
            calls.WithLabels(OrderActionKinds.PlatformOf(labels[0]), labels[0], labels[1]);
        }
    }

    public void Finished(string action, CommandResult result, TimeSpan elapsed)
    {
        var outcome = result switch
        {
            CommandResult.Done { Replayed: true } => Replayed,
            CommandResult.Done done => done.Command.State,
            CommandResult.Invalid => Invalid,
            CommandResult.KeyReused => KeyReused,
            CommandResult.OrderNotFound or CommandResult.AccountNotFound => NotFound,
            _ => Other,
        };
        var labels = new[] { OrderActionKinds.All.Contains(action) ? action : Other, outcome };
        commands.WithLabels(labels).Inc();
        duration.WithLabels(labels).Observe(elapsed.TotalSeconds);
    }

    public void Called(string platform, string action, CommandAnswerKind answer) =>
        calls.WithLabels(platform, action, Label(answer)).Inc();

    private static string Label(CommandAnswerKind answer) => answer.ToString().ToLowerInvariant();
}
