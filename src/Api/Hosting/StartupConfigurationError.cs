using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// Turns configuration mistakes into one line naming the settings, instead of a stack trace, and a non-zero
/// exit code.
/// </summary>
public static class StartupConfigurationError
{
    public static async Task<int> RunGuardedAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception ex) when (Failures(ex) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", failures)}");
            return 2;
        }
    }

    /// <summary>The startup validator reports several bad settings at once, wrapped in an AggregateException.</summary>
    private static List<string> Failures(Exception ex) => ex switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => [],
    };
}
