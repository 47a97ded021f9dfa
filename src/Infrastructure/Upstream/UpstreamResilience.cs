using System.Net;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>
/// The resilience pipeline of the upstream clients (QTickets, Ticketscloud), outermost first: total timeout,
/// retry, rate limiter, circuit breaker, per-attempt timeout.
/// </summary>
internal static class UpstreamResilience
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, UpstreamLimits options, TimeProvider time, Action<IDisposable> own)
    {
        builder.TimeProvider = time;
        builder.AddTimeout(options.TotalTimeout);
        // Back-pressure is not failure: a 429 is waited out as often as QTickets asks, within the total timeout,
        // and never spends the retries meant for an upstream that is failing.
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(IsThrottled(args.Outcome)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = TimeSpan.FromSeconds(30),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter.From(args.Outcome.Result, time.GetUtcNow())),
        });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && !IsThrottled(args.Outcome)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                // When QTickets says how long to wait, that wins over the back-off.
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.From(args.Outcome.Result, time.GetUtcNow())),
            });
        }
        if (options.RequestsPerSecond > 0)
        {
            // Inside the retry so every attempt, retries included, waits for a token: back-off alone would still
            // let a burst of retries exceed the rate QTickets is promised.
            var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RequestsPerSecond,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            own(limiter);
            builder.AddRateLimiter(limiter);
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            // The breaker is for an upstream that is down, not one that is busy: 429s do not count.
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && !IsThrottled(args.Outcome)),
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = TimeSpan.FromSeconds(30),
        });
        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// The command client's pipeline: a GET (reading an order back) is retried like the sync's reads; a write gets
    /// exactly one attempt, cut at <paramref name="attemptTimeout"/> (<c>Commands:AttemptTimeout</c>). A write retried
    /// here could refund twice, so whether to send it again is the caller's decision, made after reading the order.
    /// </summary>
    public static void ConfigureCommands(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, UpstreamLimits options, TimeSpan attemptTimeout)
    {
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.GetRequestMessage()?.Method == HttpMethod.Get && IsTransient(args.Outcome)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            });
        }
        builder.AddTimeout(attemptTimeout);
    }

    /// <summary>QTickets asks to slow down.</summary>
    public static bool IsThrottled(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// Failures worth another attempt: timeouts, throttling, server errors and connection failures. 401/403 are
    /// not among them: a rejected token stays rejected.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests } => true,
        { Result.StatusCode: var status } when (int)status >= 500 => true,
        _ => false,
    };
}
