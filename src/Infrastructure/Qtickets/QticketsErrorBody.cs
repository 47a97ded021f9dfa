using System.Text;
using System.Text.Json;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>The documented error body <c>{"error":"…","status":403}</c>, with the <c>code</c> seen in the field.</summary>
internal readonly record struct QticketsErrorBody(string? Error, string? Code)
{
    // Enough of a non-JSON body (a proxy's HTML page, say) to tell what answered.
    private const int MaxTextLength = 200;

    public static async Task<QticketsErrorBody> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return new QticketsErrorBody(ErrorText(root), JsonValues.String(root, "code"));
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(bytes).Trim();
            return new QticketsErrorBody(text.Length == 0 ? null : text[..Math.Min(text.Length, MaxTextLength)], null);
        }
    }

    private static string? ErrorText(JsonElement root) =>
        JsonValues.TryGet(root, "error", out var error) && error.ValueKind != JsonValueKind.String
            ? error.GetRawText()
            : JsonValues.String(root, "error") ?? JsonValues.String(root, "message");
}
