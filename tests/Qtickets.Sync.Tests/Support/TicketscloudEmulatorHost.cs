using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Ticketscloud.Emulator;
using Ticketscloud.Emulator.Api;
using Ticketscloud.Emulator.Data;
using Ticketscloud.Emulator.Faults;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// The Ticketscloud emulator in-process: two organizers (<see cref="Token"/> with 600 orders over 30 days,
/// <see cref="OtherToken"/> with 50). Arrange changes through <see cref="Store"/>, faults through
/// <see cref="Faults"/>, and read every call it received from <see cref="Calls"/>.
/// </summary>
public class TicketscloudEmulatorHost : WebApplicationFactory<TicketscloudEmulatorMarker>
{
    public const string Token = "tc-test-token";
    public const string OtherToken = "tc-other-token";
    public static readonly Uri BaseUrl = new("https://ticketscloud.test/");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ticketscloud:Seed"] = "5",
        ["Ticketscloud:HorizonDays"] = "30",
        ["Ticketscloud:Organizers:0:Token"] = Token,
        ["Ticketscloud:Organizers:0:Name"] = "Главный организатор",
        ["Ticketscloud:Organizers:0:Orders"] = "600",
        ["Ticketscloud:Organizers:1:Token"] = OtherToken,
        ["Ticketscloud:Organizers:1:Name"] = "Другой организатор",
        ["Ticketscloud:Organizers:1:Orders"] = "50",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public TcStore Store => Services.GetRequiredService<TcStore>();
    public TcFaults Faults => Services.GetRequiredService<TcFaults>();
    public TcCallLog Calls => Services.GetRequiredService<TcCallLog>();

    /// <summary>The organizer behind <see cref="Token"/>.</summary>
    public TcOrganizer Organizer => Store.Organizers[0];

    public HttpMessageHandler CreateHandler() => Server.CreateHandler();
}
