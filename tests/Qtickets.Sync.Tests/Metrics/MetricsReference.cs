using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Metrics;

/// <summary>A row of the metric reference in docs/metrics.md.</summary>
public sealed record DocumentedMetric(string Name, string Type, IReadOnlySet<string> Labels);

/// <summary>The metric reference table of docs/metrics.md, the page operators read to write queries and alerts.</summary>
public static class MetricsReference
{
    public const string Page = "docs/metrics.md";

    /// <summary>The rows of the table whose first cell is a metric name in backticks (<c>| `name` | type | `label`, ... | meaning |</c>).</summary>
    public static IReadOnlyList<DocumentedMetric> Read() =>
        File.ReadAllLines(RepositoryFiles.PathOf(Page))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => new DocumentedMetric(
                cells[1].Trim('`'),
                cells[2],
                cells[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(label => label.Trim('`')).ToHashSet(StringComparer.Ordinal)))
            .ToList();
}
