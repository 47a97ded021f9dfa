using System.Net;
using System.Net.Http.Headers;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>
/// Retries, timeouts and error mapping through the real pipeline. Time is fake: a delay is proven by the timer
/// the pipeline started and by the fake clock between requests, never by waiting.
/// </summary>
[Collection(FakeClockClientCollection.Name)]
public sealed class QticketsClientResilienceTests
{
    [Fact]
    public async Task Too_many_requests_is_retried_after_the_seconds_in_retry_after()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenJson(HttpStatusCode.TooManyRequests, """{"error":"Too many requests","status":429}""",
                response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .ThenOk(SeedPayloads.Order4360Response);

        var (order, delays) = await harness.Time.RunAsync(harness.Client.GetOrderAsync(4360, CancellationToken.None));

        Assert.Equal(4360, order?.Id);
        Assert.Equal([TimeSpan.FromSeconds(1)], delays);
        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), requests[1].SentAt - requests[0].SentAt);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenJson(HttpStatusCode.TooManyRequests, """{"error":"Too many requests","status":429}""",
                response => response.Headers.RetryAfter = new RetryConditionHeaderValue(harness.Time.GetUtcNow().AddSeconds(5)))
            .ThenOk(SeedPayloads.Order4360Response);

        var (_, delays) = await harness.Time.RunAsync(harness.Client.GetOrderAsync(4360, CancellationToken.None));

        Assert.Equal([TimeSpan.FromSeconds(5)], delays);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Service_unavailable_is_retried_until_it_succeeds()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenJson(HttpStatusCode.ServiceUnavailable, """{"error":"Unknown error","status":503,"code":"UNKNOWN_ERROR"}""")
            .ThenJson(HttpStatusCode.BadGateway, "<html>Bad Gateway</html>")
            .ThenOk(SeedPayloads.Order4360Response);

        var (order, delays) = await harness.Time.RunAsync(harness.Client.GetOrderAsync(4360, CancellationToken.None));

        Assert.Equal(4360, order?.Id);
        Assert.Equal(3, harness.Handler.Requests.Count);
        // Exponential back-off from the 10 ms base the harness configures, with jitter around each step. Polly's
        // decorrelated jitter can make a step's wait come out as zero (then no timer is started), so the test asks
        // for at least one real wait and none beyond the back-off's reach, not for a count of timers.
        Assert.InRange(delays.Count, 1, 2);
        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_by_the_attempt_timeout_and_retried()
    {
        using var harness = new ClientHarness();
        var hungAttemptStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hungAttemptCancelled = false;
        harness.Handler
            .Then(async (_, cancellationToken) =>
            {
                hungAttemptStarted.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    hungAttemptCancelled = true;
                    throw;
                }
                throw new InvalidOperationException("unreachable: an infinite delay only ends by cancellation");
            })
            .ThenOk(SeedPayloads.Order4360Response);

        var fetch = harness.Client.GetOrderAsync(4360, CancellationToken.None);
        await hungAttemptStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var (order, _) = await harness.Time.RunAsync(fetch);

        Assert.Equal(4360, order?.Id);
        Assert.True(hungAttemptCancelled);
        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].SentAt - requests[0].SentAt >= TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_rejected_token_is_not_retried_and_says_why(HttpStatusCode status)
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenJson(status, $$"""{"error":"Invalid token","status":{{(int)status}},"code":"INVALID_TOKEN"}""");

        var exception = await Assert.ThrowsAsync<QticketsAuthException>(
            () => harness.Time.RunAsync(harness.Client.GetOrderAsync(4360, CancellationToken.None)));

        Assert.Single(harness.Handler.Requests);
        Assert.Equal($"QTickets rejected the token (HTTP {(int)status}): Invalid token (code INVALID_TOKEN)", exception.Message);
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal("INVALID_TOKEN", exception.Code);
    }

    [Fact]
    public async Task A_server_error_that_persists_surfaces_after_the_configured_retries()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?> { ["Qtickets:MaxRetries"] = "2" });
        for (var i = 0; i < 3; i++)
        {
            harness.Handler.ThenJson(HttpStatusCode.ServiceUnavailable, """{"error":"Unknown error","status":503,"code":"UNKNOWN_ERROR"}""");
        }

        var exception = await Assert.ThrowsAsync<QticketsApiException>(
            () => harness.Time.RunAsync(harness.Client.GetOrderAsync(4360, CancellationToken.None)));

        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Equal("Unknown error", exception.Error);
        Assert.Equal("UNKNOWN_ERROR", exception.Code);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenJson(HttpStatusCode.BadRequest, """{"error":"Unknown column","status":400}""");

        var exception = await Assert.ThrowsAsync<QticketsApiException>(async () =>
        {
            await foreach (var _ in harness.Client.ListOrdersAsync(new OrderListQuery(), CancellationToken.None))
            {
            }
        });

        Assert.Single(harness.Handler.Requests);
        Assert.Equal("QTickets answered (HTTP 400): Unknown column", exception.Message);
    }
}
