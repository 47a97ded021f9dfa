using System.Net.Http.Json;
using System.Text.Json;

namespace Qtickets.Sync.Tests.Webhooks;

internal static class WebhookReceipts
{
    /// <summary>The inbox row id the answer names, a 200 receipt or a problem alike.</summary>
    public static async Task<long> DeliveryIdAsync(this HttpResponseMessage response)
    {
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>();
        return body!.RootElement.GetProperty("delivery_id").GetInt64();
    }
}
