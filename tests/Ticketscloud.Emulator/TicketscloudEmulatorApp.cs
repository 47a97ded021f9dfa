using Emulator.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ticketscloud.Emulator.Api;
using Ticketscloud.Emulator.Data;
using Ticketscloud.Emulator.Faults;

namespace Ticketscloud.Emulator;

/// <summary>
/// A Ticketscloud API v2 emulator: organizers with their own keys, orders with refs, tickets and refund requests
/// that change over time, faults, and a log of every call. No top-level statements: the test project references
/// it next to the service, whose <c>Program</c> is global.
/// </summary>
/// <remarks>
/// Write endpoints (order actions) plug in without touching this file: add a file with
/// <c>public static partial class TicketscloudEmulatorApp { static partial void MapWriteEndpoints(RouteGroupBuilder resources) { resources.MapPatch("orders/{id}", …); } }</c>.
/// The group already carries the key check (<see cref="KeyAuthFilter.Organizer"/> gives the caller's organizer),
/// the fault filter and the call log; change state through <see cref="TcStore.Update{T}"/> and answer with
/// <see cref="TcJson"/>.
/// </remarks>
public static partial class TicketscloudEmulatorApp
{
    public const string ResourcesPath = "/v2/resources";

    public static Task Main(string[] args) => Build(args).RunAsync();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        EmulatorRequestLogging.Configure(builder);
        AddEmulator(builder.Services);
        var app = builder.Build();
        MapEmulator(app);
        return app;
    }

    public static void AddEmulator(IServiceCollection services)
    {
        services.AddOptions<TcEmulatorOptions>().BindConfiguration(TcEmulatorOptions.SectionName)
            .Validate(o => o.Faults.Validate().Any() is false, "Ticketscloud:Faults are invalid")
            .Validate(o => o.EffectiveOrganizers.All(g => g.Token.Length > 0 && g.Orders >= 0), "every organizer needs a Token and Orders >= 0")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TcStore>();
        services.AddSingleton<TcFaults>();
        services.AddSingleton<TcCallLog>();
        services.AddHostedService<TcActivityTimer>();
    }

    public static void MapEmulator(WebApplication app)
    {
        app.UseMiddleware<TcCallRecorder>();
        var resources = app.MapGroup(ResourcesPath)
            .AddEndpointFilter<KeyAuthFilter>()
            .AddEndpointFilter<TcFaultFilter>();
        resources.MapReadEndpoints();
        MapWriteEndpoints(resources);
        app.MapControlEndpoints();
        app.MapGet("/", () => "Ticketscloud emulator: API under " + ResourcesPath + ", control plane under /emulator");
    }

    /// <summary>Implemented by the order-actions file when there is one; otherwise the API is read-only.</summary>
    static partial void MapWriteEndpoints(RouteGroupBuilder resources);
}
