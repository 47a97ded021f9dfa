namespace Qtickets.Sync.Tests.Metrics;

/// <summary>
/// A test that needs <c>promtool</c> (Debian package <c>prometheus</c>; deploy/test.sh installs it). Without it the
/// test is skipped, saying why, on a developer's machine; in CI (<c>CI=true</c>) it runs and fails instead, so a
/// missing tool never passes for a clean check.
/// </summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public const string DefaultPath = "/usr/bin/promtool";

    public PromtoolFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && !IsCi)
        {
            Skip = $"promtool not found at {ExecutablePath} (apt-get install prometheus, or set QTICKETS_PROMTOOL); CI is not set, so skipped.";
        }
    }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("QTICKETS_PROMTOOL") ?? DefaultPath;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
