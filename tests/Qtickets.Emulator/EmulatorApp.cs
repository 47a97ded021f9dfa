using Emulator.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Emulator.Activity;
using Qtickets.Emulator.Api;
using Qtickets.Emulator.Data;
using Qtickets.Emulator.Faults;
using Qtickets.Emulator.Webhooks;

namespace Qtickets.Emulator;

/// <summary>
/// Entry point and composition root. No top-level statements: the test project references this project next to
/// the API, whose <c>Program</c> is global.
/// </summary>
public static class EmulatorApp
{
    public const string ApiBasePath = "/api/rest/v1";

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
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DataSetGenerator>();
        services.AddSingleton<EmulatorStore>();
        services.AddSingleton<Organizers>();
        services.AddSingleton<EmulatorStats>();
        services.AddSingleton<EmulatorFaults>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<EmulatorOptions>>().Value;
            return new CommandLedger
            {
                ProcessingDelay = TimeSpan.FromMilliseconds(options.CommandProcessingDelayMs),
                DropConnectionAfterRefunds = options.DropConnectionAfterRefunds,
            };
        });
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<ActivitySimulator>();
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<WebhookSender>();
        services.AddHostedService<ActivityTimer>();
    }

    public static void MapEmulator(WebApplication app)
    {
        var api = app.MapGroup(ApiBasePath);
        var reading = api.MapGroup("")
            .AddEndpointFilter<BearerAuthFilter>()
            .AddEndpointFilter<ApiFaultFilter>();
        reading.MapOrdersEndpoints();
        reading.MapCatalogEndpoints();
        api.MapCommandEndpoints();
        api.MapWriteEndpoints();
        api.MapFallback(ApiError.NotFound);

        app.MapTruthEndpoints();
        app.MapFaultEndpoints();
        app.MapActivityEndpoints();
        app.MapGet("/", () => "QTickets emulator: REST API under " + ApiBasePath + ", control plane under /emulator");
    }
}
