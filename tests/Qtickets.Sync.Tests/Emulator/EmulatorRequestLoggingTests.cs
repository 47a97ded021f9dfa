using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qtickets.Emulator;
using Ticketscloud.Emulator;

namespace Qtickets.Sync.Tests.Emulator;

/// <summary>The emulators' request lines (ASP.NET Core's and the webhook sender's HttpClient's) are off unless asked for.</summary>
public class EmulatorRequestLoggingTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "qtickets", false },
        { "qtickets", true },
        { "ticketscloud", false },
        { "ticketscloud", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_lines_are_logged_only_when_asked(string emulator, bool asked)
    {
        string[] args = asked ? ["--Emulator:LogRequests=true"] : [];
        await using var app = emulator == "qtickets" ? EmulatorApp.Build(args) : TicketscloudEmulatorApp.Build(args);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.Equal(asked, loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.Equal(asked, loggers.CreateLogger("System.Net.Http.HttpClient.webhooks.ClientHandler").IsEnabled(LogLevel.Information));
        // The line saying where the emulator listens stays.
        Assert.True(loggers.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information));
    }
}
