namespace Qtickets.Sync.Infrastructure.Observability;

/// <summary>The label value combinations a metric is given up front, so each shows as 0 before it first counts.</summary>
public static class LabelSets
{
    public static IEnumerable<string[]> Of(IEnumerable<string> first, IEnumerable<string> second) =>
        from a in first from b in second select new[] { a, b };
}
