using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qtickets.Sync.Tests.Support;

/// <summary>A real HTTP endpoint on loopback that keeps every alert body it is sent.</summary>
public sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private AlertReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<AlertReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new AlertReceiver(app);
        app.MapPost("/alerts", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            receiver.Received.Enqueue(body.RootElement.Clone());
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/alerts");
        return receiver;
    }

    /// <summary>Messages about <paramref name="rule"/> with the given status ("fired"/"resolved").</summary>
    public int Count(string rule, string status) =>
        Received.Count(m => m.GetProperty("rule").GetString() == rule && m.GetProperty("status").GetString() == status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
