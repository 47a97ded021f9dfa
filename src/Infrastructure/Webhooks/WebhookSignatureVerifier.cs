using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// Checks <c>X-Signature</c>: lowercase hex HMAC-SHA1 of the raw body bytes, keyed with one of the account's
/// secrets. Another account's secret does not verify: a delivery proves which account it is for.
/// </summary>
public sealed class WebhookSignatureVerifier(AccountDirectory accounts)
{
    private const int SignatureBytes = 20;

    private readonly Dictionary<string, byte[][]> keys = accounts.Configured
        .DistinctBy(a => a.Name)
        .ToDictionary(a => a.Name, a => a.WebhookSecrets.Select(Encoding.UTF8.GetBytes).ToArray(), StringComparer.Ordinal);

    public bool IsConfigured(AccountSettings account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return KeysOf(account).Length > 0;
    }

    /// <returns>One of <see cref="SignatureStatuses"/>.</returns>
    public string Verify(AccountSettings account, ReadOnlySpan<byte> body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(account);
        var accountKeys = KeysOf(account);
        if (accountKeys.Length == 0)
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
        foreach (var key in accountKeys)
        {
            HMACSHA1.HashData(key, body, expected);
            matches |= CryptographicOperations.FixedTimeEquals(expected, provided);
        }
        return matches ? SignatureStatuses.Valid : SignatureStatuses.Invalid;
    }

    private byte[][] KeysOf(AccountSettings account) => keys.GetValueOrDefault(account.Name) ?? [];
}
