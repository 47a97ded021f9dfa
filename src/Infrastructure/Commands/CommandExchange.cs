using System.Net;
using Polly.Timeout;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>
/// One write sent to a platform and its answer classified, the same way for every platform: no answer, a timeout,
/// a 408/429 or a 5xx is <see cref="CommandAnswerKind.Lost"/> (the write may or may not have happened, so the caller
/// reads the order back), a 409 is <see cref="CommandAnswerKind.Busy"/>, any other refusal is
/// <see cref="CommandAnswerKind.Refused"/>.
/// </summary>
internal static class CommandExchange
{
    /// <summary>Bodies kept for the audit are cut at this many characters.</summary>
    public const int MaxKeptBody = 64 * 1024;

    /// <param name="platform">The platform's name, as the reasons say it.</param>
    /// <param name="applied">The order (or none) and a reason carried by a successful answer's body.</param>
    /// <param name="refusal">The platform's own words for a refusal in the body, if it gives any.</param>
    public static async Task<CommandAnswer<TOrder>> SendAsync<TOrder>(
        HttpClient http,
        HttpRequestMessage request,
        string platform,
        Func<string, (TOrder? Order, string? Reason)> applied,
        Func<string, string?> refusal,
        CancellationToken cancellationToken)
        where TOrder : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(refusal);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException)
        {
            return new(CommandAnswerKind.Lost, null, null, default, $"no answer from {platform}: {exception.GetType().Name}: {exception.Message}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var kept = body.Length > MaxKeptBody ? body[..MaxKeptBody] : body;
            if (response.IsSuccessStatusCode)
            {
                var (order, reason) = applied(body);
                return new(CommandAnswerKind.Applied, status, kept, order, reason);
            }
            var error = refusal(body) ?? response.ReasonPhrase ?? "no reason given";
            return response.StatusCode switch
            {
                HttpStatusCode.Conflict => new(CommandAnswerKind.Busy, status, kept, default, error),
                HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new(CommandAnswerKind.Lost, status, kept, default, $"{platform} answered {status}: {error}"),
                _ when status >= 500 => new(CommandAnswerKind.Lost, status, kept, default, $"{platform} answered {status}: {error}"),
                _ => new(CommandAnswerKind.Refused, status, kept, default, $"{platform} refused ({status}): {error}"),
            };
        }
    }
}
