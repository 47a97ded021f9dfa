using System.Text.Json;

namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>Reads a platform's answer as JSON, whichever platform it is.</summary>
public static class UpstreamJson
{
    /// <summary>
    /// The body of <paramref name="response"/> as a document; a body that is not JSON throws what
    /// <paramref name="invalid"/> makes of the parse error (the platform's own payload exception, which its run
    /// classifies).
    /// </summary>
    public static async Task<JsonDocument> ReadAsync(
        HttpResponseMessage response, Func<string, JsonException, Exception> invalid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(invalid);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw invalid("body is not valid JSON", exception);
            }
        }
    }
}
