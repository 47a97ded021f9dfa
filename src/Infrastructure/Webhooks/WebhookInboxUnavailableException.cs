namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>The delivery could not be committed to the inbox; the sender must be told to retry.</summary>
public sealed class WebhookInboxUnavailableException : Exception
{
    public WebhookInboxUnavailableException(string message)
        : base(message)
    {
    }

    public WebhookInboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
