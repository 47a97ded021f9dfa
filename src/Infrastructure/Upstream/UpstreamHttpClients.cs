using Microsoft.Extensions.DependencyInjection;

namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>The handler pipelines every platform's typed clients are built with, outermost first.</summary>
public static class UpstreamHttpClients
{
    /// <summary>
    /// A sync client's pipeline: the read-only guard, the resilience pipeline (429 waited out, 5xx retried, rate
    /// limited; <paramref name="limits"/>), and inner to it the slot of the limit all instances share
    /// (<paramref name="rateSlot"/>), which every attempt takes.
    /// </summary>
    public static IHttpClientBuilder AddSyncPipeline(
        this IHttpClientBuilder client, string platform, string pipeline,
        Func<IServiceProvider, UpstreamLimits> limits, Func<IServiceProvider, DelegatingHandler> rateSlot)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddHttpMessageHandler(() => new ReadOnlyGuardHandler(platform));
        client.AddResilienceHandler(pipeline, (builder, context) =>
        {
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            UpstreamResilience.Configure(builder, limits(context.ServiceProvider), time, owned => context.OnPipelineDisposed(owned.Dispose));
        });
        client.AddHttpMessageHandler(rateSlot);
        return client;
    }

    /// <summary>
    /// A command client's pipeline: only the writes <paramref name="allowList"/> names get out, each sent once
    /// with <paramref name="attemptTimeout"/> (<c>Commands:AttemptTimeout</c>), reads retried. No slot of the
    /// sync's shared request budget: commands are few and human-paced, and a running backfill must not hold up a
    /// refund.
    /// </summary>
    public static IHttpClientBuilder AddCommandPipeline(
        this IHttpClientBuilder client, string pipeline, Func<WriteAllowList> allowList,
        Func<IServiceProvider, UpstreamLimits> limits, Func<IServiceProvider, TimeSpan> attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddHttpMessageHandler(allowList);
        client.AddResilienceHandler(pipeline, (builder, context) =>
        {
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            UpstreamResilience.ConfigureCommands(builder, limits(context.ServiceProvider), attemptTimeout(context.ServiceProvider));
        });
        return client;
    }
}
