using System.Security.Cryptography;
using System.Text;

namespace Qtickets.Emulator.Webhooks;

/// <summary><c>X-Signature</c>: lowercase hex HMAC-SHA1 of the raw body, keyed with the UTF-8 secret.</summary>
public static class WebhookSignature
{
    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
}
