using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Emulator.Shared;

/// <summary>
/// The emulators serve and send requests every second of a demo; logged, they would bury the service's own lines.
/// They are logged only with <c>Emulator:LogRequests=true</c>; the start-up lines stay.
/// </summary>
public static class EmulatorRequestLogging
{
    public const string Setting = "Emulator:LogRequests";

    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Set either way: an appsettings.json in the content root (the tests' output folder holds the service's)
        // must not decide it.
        var level = builder.Configuration.GetValue<bool>(Setting) ? LogLevel.Information : LogLevel.Warning;
        builder.Logging.AddFilter("Microsoft.AspNetCore", level);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", level);
    }
}
