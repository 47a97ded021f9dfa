using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>A request as it reached the network, recorded with the (fake) time it was sent.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, string? Body, string? ContentType, AuthenticationHeaderValue? Authorization, DateTimeOffset SentAt);

/// <summary>
/// Primary handler standing in for QTickets: answers requests from a script, in order, and records them.
/// An unscripted request fails the test instead of being answered by a guess.
/// </summary>
internal sealed class ScriptedHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public ScriptedHandler Then(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public ScriptedHandler ThenJson(HttpStatusCode status, string json, Action<HttpResponseMessage>? adjust = null) =>
        Then((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            adjust?.Invoke(response);
            return Task.FromResult(response);
        });

    public ScriptedHandler ThenOk(string json) => ThenJson(HttpStatusCode.OK, json);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            body,
            request.Content?.Headers.ContentType?.MediaType,
            request.Headers.Authorization,
            time.GetUtcNow());
        _requests.Enqueue(recorded);
        if (!_script.TryDequeue(out var step))
        {
            throw new InvalidOperationException($"Unscripted request #{_requests.Count}: {request.Method} {request.RequestUri}");
        }
        return await step(recorded, cancellationToken);
    }
}
