using System.Globalization;
using System.Text;
using System.Text.Json;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Changes;
using static Qtickets.Sync.Api.Dashboard.DashboardPage;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// <c>/dashboard/orders/{account}/{id}/history</c>: one order's history (<see cref="OrderHistoryDto"/>, as
/// <c>GET /api/v1/orders/{account}/{id}/history</c> returns it) as a page for people, newest change first, each
/// with its source linked (the delivery, the run, the order's actions). Personal data arrives masked unless the
/// viewer may read it; the page adds none.
/// </summary>
public static class OrderHistoryPage
{
    private static readonly string[] TicketChanges = ["added", "refunded", "scanned", "deleted"];

    public static string Link(string account, string orderId) =>
        $"/dashboard/orders/{Uri.EscapeDataString(account)}/{Uri.EscapeDataString(orderId)}/history";

    public static string Render(string account, string orderId, OrderHistoryDto history, string timeZone, DashboardLabels l)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(l);
        var c = l.Culture;
        var inv = CultureInfo.InvariantCulture;
        var api = $"/api/v1/orders/{Uri.EscapeDataString(account)}/{Uri.EscapeDataString(orderId)}";
        var html = new StringBuilder(8 * 1024);
        html.Append(inv, $"""
            <!DOCTYPE html><html lang="{l.Language}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{E(l["order_history"])} {E(account)} #{E(orderId)}</title><style>{Style}</style></head><body>
            <header><h1>{E(l["order_history"])}: {E(account)} #{E(orderId)}</h1><span class="muted" style="color:#cde"><a style="color:#cde" href="/dashboard">{E(l["back"])}</a> · <a style="color:#cde" href="{E(api)}/history">{E(l["as_json"])}</a> · <a style="color:#cde" href="{E(api)}/actions">{E(l["actions"])}</a></span></header><main>
            <section id="order"><h2>{E(l["order_now"])}</h2>
            """);
        if (history.Order is { } o)
        {
            html.Append(inv, $"""
                <dl><dt>{E(l["platform"])}</dt><dd>{E(l[o.Platform])}</dd>
                <dt>{E(l["status"])}</dt><dd id="status">{E(o.Status)}</dd>
                <dt>{E(l["total"])}</dt><dd>{o.Total.ToString("N2", c)} {E(o.Currency ?? "")}</dd>
                <dt>{E(l["tickets"])}</dt><dd>{o.Tickets.ToString(c)} / {E(l["refunded"])} {o.RefundedTickets.ToString(c)}</dd>
                <dt>{E(l["event"])}</dt><dd>{E(o.EventName ?? o.EventId)}</dd>
                <dt>{E(l["customer"])}</dt><dd id="customer">{E(string.Join(" · ", new[] { o.CustomerName, o.CustomerEmail, o.CustomerPhone }.Where(v => !string.IsNullOrEmpty(v))))}</dd></dl>
                """);
        }
        else
        {
            html.Append(inv, $"<p>{E(l["no_longer_mirrored"])}</p>");
        }
        html.Append(inv, $"""
            </section><section><h2>{E(l["order_history"])}</h2><div class="scroll"><table id="history"><tr><th>{E(l["learned"])}</th><th>{E(l["change"])}</th><th>{E(l["source"])}</th><th>{E(l["version"])}</th><th>{E(l["status"])}</th><th>{E(l["fields"])}</th><th>{E(l["tickets"])}</th></tr>
            """);
        foreach (var entry in history.Items)
        {
            html.Append(inv, $"""<tr data-id="{entry.Id?.ToString(inv) ?? ""}" data-source="{E(entry.Source)}"><td>{E(Local(entry.LearnedAt, timeZone, c))}{(entry.Id is null ? $" <span class=\"muted\">({E(l["not_in_feed"])})</span>" : "")}</td><td>{E(string.Join(", ", entry.Types))}</td><td>{Source(entry, account, orderId)}</td><td>{E(entry.VersionAt is { } v ? Local(v, timeZone, c) : "")}</td><td class="status">{E(entry.Order?.Status ?? "")}</td><td>{Fields(entry.Changes.Element)}</td><td>{Tickets(entry.Changes.Element, l)}</td></tr>""");
        }
        html.Append("</table></div></section></main></body></html>");
        return html.ToString();
    }

    /// <summary>The source, linked to what it names: the webhook delivery, the sync run, the order's actions.</summary>
    private static string Source(OrderChangeDto entry, string account, string orderId)
    {
        var link = entry.SourceId is not { } id ? null : entry.Source switch
        {
            ChangeSources.Webhook => $"/api/v1/webhooks/deliveries/{Uri.EscapeDataString(id)}",
            ChangeSources.Command => $"/api/v1/orders/{Uri.EscapeDataString(account)}/{Uri.EscapeDataString(orderId)}/actions",
            ChangeSources.Baseline => null,
            _ => $"/api/v1/sync/runs/{Uri.EscapeDataString(id)}",
        };
        var text = E(entry.SourceId is null ? entry.Source : $"{entry.Source} {entry.SourceId}");
        return link is null ? text : $"<a href=\"{E(link)}\">{text}</a>";
    }

    private static string Fields(JsonElement changes)
    {
        if (!changes.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            return "";
        }
        return string.Join("<br>", fields.EnumerateObject().Select(f =>
            $"{E(f.Name)}: {E(Value(f.Value, "before"))} → {E(Value(f.Value, "after"))}"));
    }

    private static string Value(JsonElement change, string side) =>
        !change.TryGetProperty(side, out var value) || value.ValueKind == JsonValueKind.Null ? "—"
        : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Tickets(JsonElement changes, DashboardLabels l)
    {
        if (!changes.TryGetProperty("tickets", out var tickets) || tickets.ValueKind != JsonValueKind.Object)
        {
            return "";
        }
        return string.Join("<br>", TicketChanges
            .Where(k => tickets.TryGetProperty(k, out var ids) && ids.GetArrayLength() > 0)
            .Select(k => $"{E(l[k])}: {E(string.Join(", ", tickets.GetProperty(k).EnumerateArray().Select(i => i.GetString())))}"));
    }
}
