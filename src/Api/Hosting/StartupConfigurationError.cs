using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// Turns configuration mistakes and a hostile environment (busy port, unreachable database) into one line naming
/// the settings, instead of a stack trace, and a non-zero exit code: 2 for a bad setting, 1 for the environment.
/// </summary>
public static class StartupConfigurationError
{
    public const int ConfigurationExitCode = 2;
    public const int EnvironmentExitCode = 1;

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
            return ConfigurationExitCode;
        }
        catch (Exception ex) when (EnvironmentFailure(ex) is { } failure)
        {
            await Console.Error.WriteLineAsync($"Start-up failed: {failure}");
            return EnvironmentExitCode;
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

    /// <summary>
    /// The port check before start normally reports a busy port; Kestrel's own bind failure remains for a port
    /// taken between that check and the bind.
    /// </summary>
    private static string? EnvironmentFailure(Exception ex) => ex switch
    {
        StartupFailureException failure => failure.Message,
        IOException { InnerException: AddressInUseException } => $"{ex.Message.TrimEnd('.')}: set ASPNETCORE_URLS to a free port",
        _ => null,
    };
}
