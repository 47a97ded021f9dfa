namespace Qtickets.Sync.Domain.Webhooks;

public static class SignatureStatuses
{
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Missing = "missing";
    /// <summary>No secret is configured, so nothing was checked.</summary>
    public const string NotConfigured = "not_configured";
    /// <summary>The body was too large to read in full, so the signature could not be checked.</summary>
    public const string Unverified = "unverified";
}
