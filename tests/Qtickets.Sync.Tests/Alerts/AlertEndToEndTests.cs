using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Domain.Alerts;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Webhooks;

namespace Qtickets.Sync.Tests.Alerts;

/// <summary>One instance of the service with alerts pointed at <paramref name="receiver"/> and a shared clock.</summary>
public sealed class AlertingInstance(Uri receiver, FakeTimeProvider clock) : WebhookApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        // The test evaluates by hand on both instances at once, so it knows when each evaluation is over.
        ["Alerts:EvaluationInterval"] = "00:00:00",
        ["Alerts:Targets:0:Url"] = receiver.ToString(),
        ["Alerts:Rules:0:Kind"] = AlertRuleKinds.WebhookLag,
        ["Alerts:Rules:0:MaxAge"] = "00:05:00",
        ["Alerts:Rules:0:RepeatEvery"] = "00:30:00",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.UseClock(clock));
    }

    public AlertMonitor Monitor => GetRequiredService<AlertMonitor>();
}

public sealed class AlertEndToEndTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private AlertReceiver receiver = null!;
    private AlertingInstance first = null!;
    private AlertingInstance second = null!;

    public async Task InitializeAsync()
    {
        receiver = await AlertReceiver.StartAsync();
        first = new AlertingInstance(receiver.Url, clock);
        await ((IAsyncLifetime)first).InitializeAsync();
        second = new AlertingInstance(receiver.Url, clock);
        second.ShareDatabaseWith(first);
        await ((IAsyncLifetime)second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)second).DisposeAsync();
        await ((IAsyncLifetime)first).DisposeAsync();
        await receiver.DisposeAsync();
    }

    /// <summary>Both instances judge at the same moment, as their timers would.</summary>
    private async Task EvaluateOnBothAsync()
    {
        var runs = await Task.WhenAll(first.Monitor.RunOnceAsync(CancellationToken.None), second.Monitor.RunOnceAsync(CancellationToken.None));
        Assert.True(runs.Sum(r => r.Count(m => m.Rule == AlertRuleKinds.WebhookLag)) <= 1, "both instances claimed the same message");
    }

    private async Task DeliverWebhookAsync()
    {
        using var response = await first.PostWebhookAsync(OrderPayload.New().ToString());
        response.EnsureSuccessStatusCode();
        Assert.Equal(1, await first.ApplyAsync());
    }

    [Fact]
    public async Task Webhook_lag_over_the_threshold_fires_once_repeats_no_sooner_than_allowed_and_resolves_once_with_two_instances()
    {
        await DeliverWebhookAsync();
        await EvaluateOnBothAsync();
        Assert.Equal(0, receiver.Count(AlertRuleKinds.WebhookLag, "fired"));

        clock.Advance(TimeSpan.FromMinutes(6));
        await EvaluateOnBothAsync();
        await EvaluateOnBothAsync();
        Assert.Equal(1, receiver.Count(AlertRuleKinds.WebhookLag, "fired"));

        clock.Advance(TimeSpan.FromMinutes(31));
        await EvaluateOnBothAsync();
        var fired = receiver.Received.Where(m => m.GetProperty("rule").GetString() == AlertRuleKinds.WebhookLag).ToList();
        Assert.Equal(2, fired.Count);
        Assert.False(fired[0].GetProperty("repeat").GetBoolean());
        Assert.True(fired[1].GetProperty("repeat").GetBoolean());
        Assert.Equal("default", fired[0].GetProperty("account").GetString());

        await DeliverWebhookAsync();
        await EvaluateOnBothAsync();
        await EvaluateOnBothAsync();
        Assert.Equal(1, receiver.Count(AlertRuleKinds.WebhookLag, "resolved"));
        Assert.Equal(2, receiver.Count(AlertRuleKinds.WebhookLag, "fired"));
    }
}
