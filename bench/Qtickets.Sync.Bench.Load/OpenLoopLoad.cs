using System.Diagnostics;
using System.Net;
using System.Text;

namespace Qtickets.Sync.Bench;

/// <summary>
/// Fires signed webhook posts at a fixed rate whatever the server does (open loop, like wrk2), and measures
/// each latency from the moment the request was due, so a stalled server cannot hide its queue
/// (no coordinated omission). With a timeline file it also writes each measured request's due time and latency
/// (milliseconds, tab-separated), to tell a tail spread evenly from one that comes in bursts.
/// </summary>
public sealed class OpenLoopLoad(Uri url, double ratePerSecond, TimeSpan duration, TimeSpan warmup, string? timelineFile = null)
{
    public async Task<object> RunAsync(IEnumerator<(string Signature, string Body)> payloads)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new Latencies();
        var statuses = new Dictionary<int, int>();
        var errors = 0;
        var pending = new List<Task>();
        var timeline = new List<(double DueMs, double LatencyMs)>();
        var total = duration + warmup;
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < total)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * ratePerSecond);
            for (; sent < due; sent++)
            {
                if (!payloads.MoveNext())
                {
                    throw new InvalidOperationException("the payload file ran out; generate more payloads");
                }
                var dueAt = TimeSpan.FromSeconds(sent / ratePerSecond);
                var measured = dueAt >= warmup;
                var (signature, body) = payloads.Current;
                pending.Add(SendAsync(signature, body, dueAt, measured));
            }
            await Task.Delay(1);
        }
        await Task.WhenAll(pending);
        if (timelineFile is not null)
        {
            await File.WriteAllLinesAsync(timelineFile, timeline.OrderBy(t => t.DueMs).Select(t => FormattableString.Invariant($"{t.DueMs:F1}\t{t.LatencyMs:F2}")));
        }
        var measuredSeconds = duration.TotalSeconds;
        return new
        {
            rate = ratePerSecond,
            seconds = measuredSeconds,
            sent,
            measured = latencies.Count,
            ok = statuses.GetValueOrDefault(200),
            non200 = statuses.Where(s => s.Key != 200).Sum(s => s.Value),
            errors,
            p50_ms = latencies.Percentile(50),
            p99_ms = latencies.Percentile(99),
            max_ms = latencies.Percentile(100),
        };

        async Task SendAsync(string signature, string body, TimeSpan dueAt, bool measured)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("X-Signature", signature);
            request.Headers.TryAddWithoutValidation("X-Event-Type", "updated");
            request.Headers.TryAddWithoutValidation("X-Model-Name", "Order");
            request.Headers.TryAddWithoutValidation("User-Agent", "Qtickets-Webhooks/2.0");
            try
            {
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                var latency = clock.Elapsed - dueAt;
                if (measured)
                {
                    latencies.Add(latency);
                    lock (statuses)
                    {
                        timeline.Add(((dueAt - warmup).TotalMilliseconds, latency.TotalMilliseconds));
                        statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                    }
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            catch (TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }
}
