using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// Turns a configuration mistake into one line naming the setting, instead of a stack trace, and a non-zero
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
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", ex.Failures)}");
            return 2;
        }
    }
}
