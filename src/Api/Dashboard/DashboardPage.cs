using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// Renders <see cref="DashboardModel"/> as one server-side HTML page: no scripts, no build chain, readable on
/// a phone (one column below 800 px). Shows counts and amounts only, never personal data.
/// </summary>
public static class DashboardPage
{
    // Cyrillic stays as it is (a Russian page would otherwise triple in size); markup characters are still escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        :root{--ok:#1a7f37;--bad:#c62828;--muted:#667;--line:#dde;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        body{margin:0;background:#f6f7fb;color:#123}
        header{background:#123;color:#fff;padding:12px 16px;display:flex;justify-content:space-between;flex-wrap:wrap;gap:8px}
        header h1{font-size:18px;margin:0}
        main{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:12px;padding:12px;max-width:1400px;margin:auto}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px;min-width:0}
        section.wide{grid-column:1/-1}
        h2{font-size:16px;margin:0 0 8px}
        .verdict{font-weight:700;font-size:18px;padding:6px 10px;border-radius:6px;display:inline-block;color:#fff}
        .verdict.ok{background:var(--ok)}.verdict.bad{background:var(--bad)}
        ul.reasons{margin:6px 0 0 18px;padding:0;color:var(--bad)}
        dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:10px 0}
        dt{color:var(--muted)}dd{margin:0;font-variant-numeric:tabular-nums}
        .tiles{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
        .tile{flex:1 1 120px;border:1px solid var(--line);border-radius:6px;padding:8px}
        .tile b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
        .tile span{color:var(--muted);font-size:13px}
        table{width:100%;border-collapse:collapse;font-size:14px}
        th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--line);vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .scroll{overflow-x:auto}
        svg{width:100%;height:auto;display:block}
        .bar{fill:#3b6fd8}.bar.neg{fill:var(--bad)}.grid{stroke:var(--line)}.axis{font-size:11px;fill:var(--muted)}
        a{color:#2a5bd7}
        .muted{color:var(--muted);font-size:13px}
        .cols{display:flex;flex-wrap:wrap;gap:8px 24px}.cols>div{flex:1 1 320px;min-width:0}
        """;

    public static string Render(DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        var html = new StringBuilder(32 * 1024);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html><html lang="{l.Language}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width,initial-scale=1">
            <meta http-equiv="refresh" content="60"><title>{E(l["title"])}</title><style>{Style}</style></head><body>
            <header><h1>{E(l["title"])}</h1><span class="muted" style="color:#cde">{E(l["updated_at"])}: <time id="generated-at">{E(Local(model.Now, model.TimeZone, c))}</time> ({E(l["zone"])} {E(model.TimeZone)})</span></header><main>
            """);
        foreach (var account in model.Accounts)
        {
            WriteHealth(html, account, l, model.TimeZone);
        }
        WriteSales(html, model, l);
        WriteFailures(html, model, l);
        WriteCommands(html, model, l);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void WriteHealth(StringBuilder html, AccountHealth account, DashboardLabels l, string zone)
    {
        var c = l.Culture;
        var s = account.Status;
        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="wide health" data-account="{E(account.Account)}"><h2>{E(l["health"])} · {E(l["account"])} «{E(account.Account)}»</h2><div class="cols"><div>
            <span id="verdict" class="verdict {(account.Healthy ? "ok" : "bad")}" data-healthy="{(account.Healthy ? "true" : "false")}">{E(account.Healthy ? l["ok"] : l["attention"])}</span>
            """);
        var reasons = account.Reasons.ToList();
        if (reasons.Count > 0)
        {
            html.Append("<ul class=\"reasons\">");
            foreach (var reason in reasons)
            {
                html.Append("<li>").Append(E(reason)).Append("</li>");
            }
            html.Append("</ul>");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            <dl><dt>{E(l["lag"])}</dt><dd id="lag">{E(s.Webhooks.LagSeconds is { } lag ? TimeSpan.FromSeconds(Math.Round(lag)).ToString("c", c) : l["never"])}</dd>
            <dt>{E(l["pending"])}</dt><dd id="pending">{s.Webhooks.Pending.ToString("N0", c)}</dd>
            <dt>{E(l["failed"])}</dt><dd id="failed">{s.Webhooks.Failed.ToString("N0", c)}</dd>
            <dt>{E(l["dead"])}</dt><dd id="dead">{s.Webhooks.Dead.ToString("N0", c)}</dd>
            <dt>{E(l["quarantined"])}</dt><dd id="quarantined">{s.Webhooks.Quarantined.ToString("N0", c)}</dd>
            <dt>{E(l["behaviour"])}</dt><dd id="behaviour">{E(Behaviour(s.Reconcile.Upstream, l))}</dd></dl>
            </div><div><h2>{E(l["runs"])}</h2><div class="scroll"><table id="runs"><tr><th>#</th><th>{E(l["kind"])}</th><th>{E(l["status"])}</th><th>{E(l["started"])}</th><th class="n">{E(l["seen"])}</th><th class="n">{E(l["inserted"])}</th><th class="n">{E(l["updated"])}</th><th class="n">{E(l["healed"])}</th><th class="n">{E(l["refreshed"])}</th></tr>
            """);
        foreach (var r in account.Runs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/api/v1/sync/runs/{r.Id}\">{r.Id}</a></td><td>{E(r.Kind)}</td><td>{E(r.Status)}</td><td>{E(Local(r.StartedAt, zone, c))}</td><td class=\"n\">{r.OrdersSeen.ToString("N0", c)}</td><td class=\"n\">{r.Inserted.ToString("N0", c)}</td><td class=\"n\">{r.Updated.ToString("N0", c)}</td><td class=\"n\">{r.GapsHealed.ToString("N0", c)}</td><td class=\"n\">{r.Refreshed.ToString("N0", c)}</td></tr>");
        }
        html.Append("</table></div></div></div></section>");
    }

    /// <summary>How QTickets serves listings, as the last runs judged it: "paid filter ignored · … · 50 a page".</summary>
    private static string Behaviour(UpstreamBehaviourDto upstream, DashboardLabels l)
    {
        if (upstream.PaidFilter is null && upstream.UpdatedFilter is null && upstream.Order is null && upstream.PageSize is null)
        {
            return l["not_detected"];
        }
        string Aspect(string name, string? verdict) => $"{l[name]}: {(verdict is null ? "?" : l[verdict])}";
        var parts = new List<string> { Aspect("paid_filter", upstream.PaidFilter), Aspect("updated_filter", upstream.UpdatedFilter), Aspect("order", upstream.Order) };
        if (upstream.PageSize is { } size)
        {
            parts.Add(string.Format(l.Culture, l["page_size"], size));
        }
        return string.Join(" · ", parts);
    }

    private static void WriteSales(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        var sales = model.Sales;
        var scope = sales.EventId is null ? l["all_events"] : sales.EventName ?? "";
        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="wide sales"><h2>{E(l["sales"])}</h2>
            <div class="tiles" data-day="{model.Today:yyyy-MM-dd}">
            <div class="tile"><b id="today-tickets" data-value="{sales.TodayTickets}">{sales.TodayTickets.ToString("N0", c)}</b><span>{E(l["today_tickets"])}</span></div>
            <div class="tile"><b id="today-revenue" data-value="{sales.TodayRevenue.ToString("F2", CultureInfo.InvariantCulture)}">{sales.TodayRevenue.ToString("N2", c)}</b><span>{E(l["today_revenue"])}</span></div>
            <div class="tile"><b id="today-net" data-value="{sales.TodayNet.ToString("F2", CultureInfo.InvariantCulture)}">{sales.TodayNet.ToString("N2", c)}</b><span>{E(l["today_net"])}</span></div>
            </div>
            <h2>{E(l["chart"])}: <span id="chart-scope">{E(scope)}</span></h2>
            <p class="muted">{E(l["source"])} «{E(model.Accounts[0].Account)}»{(sales.EventId is null ? "" : $" · <a href=\"/dashboard\">{E(l["all_events"])}</a>")}</p>
            """);
        SalesChart.Write(html, sales.Days, l);
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2 style="margin-top:12px">{E(l["top"])}</h2><div class="scroll"><table id="top-events"><tr><th>{E(l["event"])}</th><th class="n">{E(l["tickets"])}</th><th class="n">{E(l["net"])}</th></tr>
            """);
        foreach (var e in sales.TopEvents)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-event=\"{e.EventId}\"><td><a href=\"/dashboard?event={e.EventId}\">{E(e.Name ?? $"#{e.EventId}")}</a></td><td class=\"n\">{e.Tickets.ToString("N0", c)}</td><td class=\"n\">{e.Net.ToString("N2", c)}</td></tr>");
        }
        html.Append("</table></div></section>");
    }

    private static void WriteFailures(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"wide failures\"><h2>{E(l["failures"])}</h2>");
        if (model.Failures.Count == 0)
        {
            html.Append("<p id=\"no-failures\">").Append(E(l["none"])).Append("</p></section>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table id=\"failures\"><tr><th>{E(l["when"])}</th><th>{E(l["what"])}</th><th>{E(l["reason"])}</th></tr>");
        foreach (var f in model.Failures)
        {
            var link = f.Kind == "delivery" ? $"/api/v1/webhooks/deliveries/{f.Id}" : $"/api/v1/sync/runs/{f.Id}";
            var reason = f.Reason is { Length: > 200 } long_ ? long_[..200] + "…" : f.Reason;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(Local(f.At, model.TimeZone, c))}</td><td><a href=\"{link}\">{E(l[f.Kind])} {f.Id}</a> {E(f.What)}</td><td>{E(reason ?? "")}</td></tr>");
        }
        html.Append("</table></div></section>");
    }

    private static void WriteCommands(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"wide commands\"><h2>{E(l["commands"])}</h2>");
        if (model.Commands.Count == 0)
        {
            html.Append("<p id=\"no-commands\">").Append(E(l["none"])).Append("</p></section>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table id=\"commands\"><tr><th>{E(l["when"])}</th><th>{E(l["what"])}</th><th>{E(l["state"])}</th><th>{E(l["reason"])}</th></tr>");
        foreach (var command in model.Commands)
        {
            var link = $"/api/v1/orders/{Uri.EscapeDataString(command.Account)}/{Uri.EscapeDataString(command.OrderId)}/actions";
            var error = command.Error is { Length: > 200 } long_ ? long_[..200] + "…" : command.Error;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(Local(command.At, model.TimeZone, c))}</td><td><a href=\"{E(link)}\">{E(command.Action)} {E(command.Account)} #{E(command.OrderId)}</a></td><td>{E(command.State)}</td><td>{E(error ?? "")}</td></tr>");
        }
        html.Append("</table></div></section>");
    }

    private static string Local(DateTimeOffset at, string zone, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("dd.MM HH:mm:ss", culture);

    internal static string E(string text) => Encoder.Encode(text);
}
