using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Webhooks;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Checks <c>X-Signature</c>: lowercase hex HMAC-SHA1 of the raw body bytes, keyed with a configured secret.
/// </summary>
public sealed class WebhookSignatureVerifier(IOptions<WebhookOptions> options)
{
    private const int SignatureBytes = 20;

    private readonly byte[][] keys = [.. options.Value.WebhookSecrets.Select(Encoding.UTF8.GetBytes)];

    public bool IsConfigured => keys.Length > 0;

    /// <returns>One of <see cref="SignatureStatuses"/>.</returns>
    public string Verify(ReadOnlySpan<byte> body, string? signature)
    {
        if (!IsConfigured)
        {
            return SignatureStatuses.NotConfigured;
        }
        if (string.IsNullOrWhiteSpace(signature))
        {
            return SignatureStatuses.Missing;
        }
        Span<byte> provided = stackalloc byte[SignatureBytes];
        if (signature.Length != SignatureBytes * 2
            || Convert.FromHexString(signature, provided, out _, out var written) != OperationStatus.Done
            || written != SignatureBytes)
        {
            return SignatureStatuses.Invalid;
        }
        Span<byte> expected = stackalloc byte[SignatureBytes];
        var matches = false;
        // Every key is tried, so the time taken does not tell which secret (if any) matched.
        foreach (var key in keys)
        {
            HMACSHA1.HashData(key, body, expected);
            matches |= CryptographicOperations.FixedTimeEquals(expected, provided);
        }
        return matches ? SignatureStatuses.Valid : SignatureStatuses.Invalid;
    }
}
