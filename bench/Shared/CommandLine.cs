using System.Globalization;

namespace Qtickets.Sync.Bench;

/// <summary>The <c>--name value</c> options of a bench tool; a missing required option names itself.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    public CommandLine(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    _options[name] = "true";
                }
                name = arg[2..];
            }
            else if (name is not null)
            {
                _options[name] = arg;
                name = null;
            }
        }
        if (name is not null)
        {
            _options[name] = "true";
        }
    }

    public string Get(string name) =>
        _options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string Get(string name, string fallback) => _options.GetValueOrDefault(name, fallback);

    public long Long(string name) => long.Parse(Get(name), CultureInfo.InvariantCulture);

    public long Long(string name, long fallback) =>
        _options.TryGetValue(name, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _options.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
