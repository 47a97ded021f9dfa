using System.Globalization;
using System.Text;

namespace Qtickets.Sync.Tests.Support;

/// <summary>One sample line of a scrape: <c>name{label="value",...} value</c>.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// One scrape of <c>/metrics</c> in the Prometheus text format (0.0.4), parsed into its <c># TYPE</c> lines and
/// samples: what Prometheus itself would take in.
/// </summary>
public sealed class MetricsScrape
{
    private static readonly string[] FamilySuffixes = ["_bucket", "_sum", "_count"];

    private MetricsScrape(string text, IReadOnlyDictionary<string, string> types, IReadOnlyList<MetricSample> samples)
    {
        Text = text;
        Types = types;
        Samples = samples;
    }

    public string Text { get; }

    /// <summary>Metric family name to its declared type (counter, gauge, histogram, ...).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<MetricSample> Samples { get; }

    public static async Task<MetricsScrape> ReadAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
    }

    public static MetricsScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<MetricSample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                samples.Add(ParseSample(line));
            }
        }
        return new MetricsScrape(text, types, samples);
    }

    /// <summary>The samples of a family: for a histogram its <c>_bucket</c>, <c>_sum</c> and <c>_count</c> lines.</summary>
    public IEnumerable<MetricSample> Family(string name) =>
        Samples.Where(s => s.Name == name || FamilySuffixes.Any(suffix => s.Name == name + suffix));

    /// <summary>The family a sample line belongs to (its <c># TYPE</c> name), or null when none declares it.</summary>
    public string? FamilyOf(string sampleName) =>
        Types.ContainsKey(sampleName)
            ? sampleName
            : FamilySuffixes.Where(sampleName.EndsWith).Select(suffix => sampleName[..^suffix.Length]).FirstOrDefault(Types.ContainsKey);

    /// <summary>The value of the one sample named <paramref name="name"/> that carries exactly these labels.</summary>
    public double Value(string name, params (string Label, string Value)[] labels) =>
        Samples.Single(s => s.Name == name && s.Labels.Count == labels.Length
            && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Value;

    /// <summary>The sum of the samples named <paramref name="name"/> that carry these labels (and any others).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    private static MetricSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (brace < 0 || brace > space)
        {
            return new MetricSample(line[..space], labels, ParseValue(line[(space + 1)..]));
        }
        var i = brace + 1;
        while (line[i] != '}')
        {
            var eq = line.IndexOf('=', i);
            var name = line[i..eq].TrimStart(',');
            var value = new StringBuilder();
            i = eq + 2;
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }
            labels[name] = value.ToString();
            i++;
            if (line[i] == ',')
            {
                i++;
            }
        }
        return new MetricSample(line[..brace], labels, ParseValue(line[(i + 2)..]));
    }

    private static double ParseValue(string text) => text.Split(' ')[0] switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
