using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// What each group of operations is for, shown by documentation tools above the group. Endpoints name their tag
/// (<c>WithTags</c>); the words for it are kept here, once per tag rather than once per endpoint.
/// </summary>
internal sealed class TagDescriptions : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Audit"] = "Administrative acts — who (the API key's name), when, on what, how it ended; never a person's data.",
        ["Changes"] = "Every business change of an order: its history, and the change feed in commit order with a resumable cursor.",
        ["Events"] = "Events of the mirrored accounts with their shows and sales totals.",
        ["Order actions"] = "Refunds, restores and order changes sent to the platforms, once per Idempotency-Key, and their history.",
        ["Orders"] = "Orders of both platforms in one shape, a page at a time or as CSV; contact details masked without read:pii.",
        ["Personal data"] = "Erasing a person on request (152-FZ): every place they are kept, and their data masked when it arrives again.",
        ["Sales"] = "Sales by local day, per event or in total.",
        ["Sync"] = "Whether the mirror is up to date: the last webhook and reconcile of each account.",
        ["Sync runs"] = "Reconcile, backfill and sales drift runs: their history, progress, and starting one by hand.",
        ["Tickets"] = "A ticket by its barcode.",
        ["Ticketscloud"] = "Ticketscloud orders in their own shape (deprecated alias of /api/v1/orders).",
        ["Webhook deliveries"] = "The webhook inbox for operators: list, inspect, replay, discard and release deliveries.",
        ["Webhooks"] = "The receivers QTickets posts orders to, verified by X-Signature rather than an API key.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        foreach (var tag in swaggerDoc.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && Descriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
    }
}
