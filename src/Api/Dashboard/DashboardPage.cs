using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Qtickets.Sync.Api.ReadModels;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// Renders <see cref="DashboardModel"/> as one server-side HTML page: no scripts, no build chain, readable on
/// a phone (one column, tables scroll inside their box). Shows counts and amounts only, never personal data.
/// Health comes first and scales to hundreds of accounts: a summary line, the accounts needing attention as
/// cards, the healthy ones as one compact table folded away when there are many.
/// </summary>
public static class DashboardPage
{
    // Cyrillic stays as it is (a Russian page would otherwise triple in size); markup characters are still escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Up to this many healthy accounts are listed open; more are folded under their count.</summary>
    private const int OpenHealthyAccounts = 8;

    /// <summary>The stylesheet of the dashboard's pages.</summary>
    internal const string Style = """
        :root{--ok:#1a7f37;--bad:#c62828;--muted:#667;--line:#dde;--qtickets:#3b6fd8;--ticketscloud:#e8890c;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        body{margin:0;background:#f6f7fb;color:#123}
        header{background:#123;color:#fff;padding:12px 16px;display:flex;justify-content:space-between;flex-wrap:wrap;gap:8px}
        header h1{font-size:18px;margin:0}
        main{display:grid;grid-template-columns:minmax(0,1fr);gap:12px;padding:12px;max-width:1400px;margin:auto}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px;min-width:0}
        h2{font-size:16px;margin:0 0 8px}h3{font-size:15px;margin:0 0 6px}
        form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center}
        form.filters select,form.filters button{font:inherit;padding:4px 6px;max-width:100%}
        .verdict{font-weight:700;font-size:18px;padding:6px 10px;border-radius:6px;display:inline-block;color:#fff}
        .verdict.ok{background:var(--ok)}.verdict.bad{background:var(--bad)}
        .summary{font-size:16px;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center}
        ul.reasons{margin:6px 0 0 18px;padding:0;color:var(--bad)}
        dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:10px 0}
        dt{color:var(--muted)}dd{margin:0;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));gap:10px;margin:10px 0}
        article.account{border:1px solid var(--line);border-left:6px solid var(--ok);border-radius:6px;padding:8px 10px;min-width:0}
        article.account.bad{border-color:var(--bad);background:#fdf1f1}
        article.account.bad h3{color:var(--bad)}
        tr.account.bad td{color:var(--bad)}
        details summary{cursor:pointer;font-weight:600;margin:6px 0}
        .tiles{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
        .tile{flex:1 1 150px;border:1px solid var(--line);border-radius:6px;padding:8px;min-width:0}
        .tile b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
        .tile>span{color:var(--muted);font-size:13px}
        ul.split{list-style:none;margin:4px 0 0;padding:0;font-size:13px;font-variant-numeric:tabular-nums}
        .key{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
        .key.qtickets{background:var(--qtickets)}.key.ticketscloud{background:var(--ticketscloud)}
        table{width:100%;border-collapse:collapse;font-size:14px}
        th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--line);vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .scroll{overflow-x:auto}.scroll .n,#runs td,#accounts td{white-space:nowrap}
        @media (max-width:600px){.wide-only{display:none}.pname{display:none}}
        svg{width:100%;height:auto;display:block}
        .bar.qtickets{fill:var(--qtickets)}.bar.ticketscloud{fill:var(--ticketscloud)}.bar.neg{opacity:.55}
        .grid{stroke:var(--line)}.zero{stroke:#99a}.axis{font-size:11px;fill:var(--muted)}
        a{color:#2a5bd7}
        .muted{color:var(--muted);font-size:13px}
        """;

    public static string Render(DashboardModel model, DashboardLabels l)
    {
        var html = new StringBuilder(32 * 1024);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html><html lang="{l.Language}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width,initial-scale=1">
            <meta http-equiv="refresh" content="60"><title>{E(l["title"])}</title><style>{Style}</style></head><body>
            <header><h1>{E(l["title"])}</h1><span class="muted" style="color:#cde">{E(l["updated_at"])}: <time id="generated-at">{E(Local(model.Now, model.TimeZone, l.Culture))}</time> ({E(l["zone"])} {E(model.TimeZone)})</span></header><main>
            """);
        WriteFilters(html, model, l);
        WriteHealth(html, model, l);
        WriteSales(html, model, l);
        WriteRuns(html, model, l);
        WriteFailures(html, model, l);
        WriteCommands(html, model, l);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>A plain GET form: the choices become the query string every figure below is read with.</summary>
    private static void WriteFilters(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var f = model.Filter;
        html.Append(CultureInfo.InvariantCulture, $"""<section><form class="filters" id="filters" method="get" action="/dashboard"><label>{E(l["account"])} <select name="account"><option value="">{E(l["all_accounts"])}</option>""");
        foreach (var (name, platform) in model.AccountChoices)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<option value="{E(name)}"{(name == f.Account ? " selected" : "")}>{E(name)} ({E(l[platform])})</option>""");
        }
        html.Append(CultureInfo.InvariantCulture, $"""</select></label><label>{E(l["platform"])} <select name="platform"><option value="">{E(l["all_platforms"])}</option>""");
        foreach (var platform in Domain.Accounts.AccountPlatforms.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<option value="{platform}"{(platform == f.Platform ? " selected" : "")}>{E(l[platform])}</option>""");
        }
        html.Append("</select></label>");
        if (f.EventId is { } id)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<label>{E(l["event"])} <select name="event"><option value="{id}" selected>{E(model.Sales.EventName ?? $"#{id}")}</option><option value="">{E(l["all_events"])}</option></select></label>""");
        }
        html.Append(CultureInfo.InvariantCulture, $"""<button type="submit">{E(l["apply"])}</button>""");
        if (!f.IsEmpty)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<a id="clear-filters" href="/dashboard">{E(l["reset"])}</a>""");
        }
        html.Append("</form></section>");
    }

    private static void WriteHealth(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        var s = model.Status;
        var attention = model.Accounts.Where(a => !a.Healthy).ToList();
        var healthy = model.Accounts.Where(a => a.Healthy).ToList();
        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="health" id="health"><h2>{E(l["health"])}</h2>
            <p class="summary"><span id="verdict" class="verdict {(model.Healthy ? "ok" : "bad")}" data-healthy="{(model.Healthy ? "true" : "false")}">{E(model.Healthy ? l["ok"] : l["attention"])}</span>
            <span id="health-summary" data-accounts="{model.Accounts.Count}" data-attention="{attention.Count}">{E(string.Format(c, l["summary"], model.Accounts.Count, attention.Count))}</span></p>
            """);
        if (model.DeploymentReasons.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(l["deployment"])}</h3>");
            Reasons(html, model.DeploymentReasons, "deployment-reasons");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            <dl><dt>{E(l["lag"])}</dt><dd id="lag">{E(Duration(s.Webhooks.LagSeconds, l))}</dd>
            <dt>{E(l["pending"])}</dt><dd id="pending">{s.Webhooks.Pending.ToString("N0", c)}</dd>
            <dt>{E(l["failed"])}</dt><dd id="failed">{s.Webhooks.Failed.ToString("N0", c)}</dd>
            <dt>{E(l["dead"])}</dt><dd id="dead">{s.Webhooks.Dead.ToString("N0", c)}</dd>
            <dt>{E(l["quarantined"])}</dt><dd id="quarantined">{s.Webhooks.Quarantined.ToString("N0", c)}</dd>
            <dt>{E(l["behaviour"])}</dt><dd id="behaviour">{E(Behaviour(s.Reconcile.Upstream, l))}</dd></dl>
            """);
        ApplyLagTile(html, model.ApplyLag, l);
        if (attention.Count > 0)
        {
            html.Append("<div class=\"cards\" id=\"attention\">");
            foreach (var account in attention)
            {
                var a = account.Status;
                html.Append(CultureInfo.InvariantCulture, $"""
                    <article class="account bad" data-account="{E(a.Account)}" data-platform="{a.Platform}" data-healthy="false"><h3><a href="{E(model.Filter.Link(a.Account, null, null))}">{E(a.Account)}</a> · {E(l[a.Platform])} · {E(l["attention"])}</h3>
                    """);
                Reasons(html, account.Reasons.ToList(), null);
                html.Append(CultureInfo.InvariantCulture, $"""
                    <dl><dt>{E(l["reconcile_lag"])}</dt><dd>{E(Since(model.Now, a.LastIncrementalSucceededAt, l))}</dd>
                    <dt>{E(l["pending"])}</dt><dd>{a.PendingDeliveries.ToString("N0", c)}</dd>
                    <dt>{E(l["failed"])}</dt><dd>{a.FailedDeliveries.ToString("N0", c)}</dd>
                    <dt>{E(l["last_run"])}</dt><dd>{E(LastRun(a, model.TimeZone, l))}</dd>
                    <dt>{E(l["first_sync"])}</dt><dd class="first-sync">{E(a.FirstSync?.Progress ?? "—")}</dd>
                    <dt>{E(l["last_audit"])}</dt><dd class="last-audit"{AuditData(a)}>{E(LastAudit(a, model.TimeZone, l))}</dd></dl></article>
                    """);
            }
            html.Append("</div>");
        }
        if (healthy.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <details id="healthy-accounts"{(healthy.Count <= OpenHealthyAccounts ? " open" : "")}><summary>{E(string.Format(c, l["in_sync_list"], healthy.Count))}</summary>
                <div class="scroll"><table id="accounts"><tr><th>{E(l["account"])}</th><th>{E(l["platform"])}</th><th class="n">{E(l["reconcile_lag"])}</th><th class="n">{E(l["pending"])}</th><th class="n">{E(l["failed"])}</th><th>{E(l["last_run"])}</th><th>{E(l["first_sync"])}</th><th>{E(l["last_audit"])}</th></tr>
                """);
            foreach (var account in healthy)
            {
                var a = account.Status;
                html.Append(CultureInfo.InvariantCulture, $"""<tr class="account ok" data-account="{E(a.Account)}" data-platform="{a.Platform}" data-healthy="true"><td><a href="{E(model.Filter.Link(a.Account, null, null))}">{E(a.Account)}</a></td><td>{E(l[a.Platform])}</td><td class="n">{E(a.Enabled ? Since(model.Now, a.LastIncrementalSucceededAt, l) : l["disabled"])}</td><td class="n">{a.PendingDeliveries.ToString("N0", c)}</td><td class="n">{a.FailedDeliveries.ToString("N0", c)}</td><td>{E(LastRun(a, model.TimeZone, l))}</td><td class="first-sync">{E(a.FirstSync?.Progress ?? "—")}</td><td class="last-audit"{AuditData(a)}>{E(LastAudit(a, model.TimeZone, l))}</td></tr>""");
            }
            html.Append("</table></div></details>");
        }
        html.Append("</section>");
    }

    /// <summary>The recent p99 apply lag: milliseconds under a second, seconds above; a dash when nothing was applied.</summary>
    private static void ApplyLagTile(StringBuilder html, ApplyLagFigure lag, DashboardLabels l)
    {
        var c = l.Culture;
        var text = lag.P99Seconds switch
        {
            null => "—",
            < 1 and var s => $"{(s * 1000).ToString("N0", c)} ms",
            var s => $"{s.Value.ToString("N1", c)} s",
        };
        var data = lag.P99Seconds is { } p99 ? p99.ToString("F3", CultureInfo.InvariantCulture) : "";
        html.Append(CultureInfo.InvariantCulture, $"""
            <div class="tiles"><div class="tile"><b id="apply-lag-p99" data-value="{data}" data-deliveries="{lag.Deliveries}">{E(text)}</b><span>{E(l["apply_lag"])} · {E(string.Format(c, l["apply_lag_count"], lag.Deliveries.ToString("N0", c)))}</span></div></div>
            """);
    }

    private static void Reasons(StringBuilder html, IReadOnlyList<string> reasons, string? id)
    {
        if (reasons.Count == 0)
        {
            return;
        }
        html.Append(id is null ? "<ul class=\"reasons\">" : $"<ul class=\"reasons\" id=\"{id}\">");
        foreach (var reason in reasons)
        {
            html.Append("<li>").Append(E(reason)).Append("</li>");
        }
        html.Append("</ul>");
    }

    private static string Duration(double? seconds, DashboardLabels l) =>
        seconds is { } lag ? Health.ReconcileVerdict.Age(TimeSpan.FromSeconds(Math.Round(Math.Max(lag, 0)))) : l["never"];

    private static string Since(DateTimeOffset now, DateTimeOffset? then, DashboardLabels l) =>
        Duration(then is { } t ? (now - t).TotalSeconds : null, l);

    private static string LastRun(AccountSyncStatusDto a, string zone, DashboardLabels l) =>
        a.LastIncrementalStartedAt is { } started ? $"{Local(started, zone, l.Culture)} {a.LastIncrementalStatus}" : l["never"];

    private static string LastAudit(AccountSyncStatusDto a, string zone, DashboardLabels l) => a.LastAudit is { } audit
        ? $"{(audit.Differences == 0 ? l["audit_equal"] : string.Format(l.Culture, l["audit_differences"], audit.Differences))}" +
          (audit.FinishedAt is { } at ? $" · {Local(at, zone, l.Culture)}" : "")
        : l["never"];

    private static string AuditData(AccountSyncStatusDto a) => a.LastAudit is { } audit
        ? $" data-audit-run=\"{audit.RunId}\" data-audit-differences=\"{audit.Differences}\""
        : "";

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
        var sales = model.Sales;
        var f = model.Filter;
        var scope = string.Join(" · ",
            f.Account ?? l["all_accounts"],
            f.Platform is { } p ? l[p] : l["all_platforms"],
            sales.EventName ?? l["all_events"]);
        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="sales"><h2>{E(l["sales"])}: <span id="sales-scope">{E(scope)}</span></h2>
            <div class="tiles" data-day="{model.Today:yyyy-MM-dd}">
            """);
        Tile(html, "today-tickets", l["today_tickets"], sales, s => s.Tickets, l);
        Tile(html, "today-revenue", l["today_revenue"], sales, s => s.Gross, l);
        Tile(html, "today-net", l["today_net"], sales, s => s.Net, l);
        html.Append(CultureInfo.InvariantCulture, $"""
            </div><h2>{E(l["chart"])}</h2><p class="muted" id="chart-legend">{string.Concat(sales.Platforms.Select(p => $"<span class=\"key {p}\"></span>{E(l[p])} "))}{(f.EventId is null ? "" : $" · <a href=\"{E(f.Link(eventId: null))}\">{E(l["all_events"])}</a>")}</p>
            """);
        SalesChart.Write(html, sales.Days, sales.Platforms, l);
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2 style="margin-top:12px">{E(l["top"])}</h2><div class="scroll"><table id="top-events"><tr><th>{E(l["event"])}</th><th><span class="pname">{E(l["platform"])}</span></th><th class="wide-only">{E(l["account"])}</th><th class="n">{E(l["tickets"])}</th><th class="n">{E(l["net"])}</th></tr>
            """);
        foreach (var e in sales.TopEvents)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr data-event=\"{e.EventId}\" data-platform=\"{e.Platform}\" data-account=\"{E(e.Account)}\"><td><a href=\"{E(f.Link(e.Account, e.Platform, e.EventId))}\">{E(e.Name ?? $"#{e.EventId}")}</a></td><td><span class=\"key {e.Platform}\" title=\"{E(l[e.Platform])}\"></span><span class=\"pname\">{E(l[e.Platform])}</span></td><td class=\"wide-only\">{E(e.Account)}</td><td class=\"n\">{e.Sales.Tickets.ToString("N0", l.Culture)}</td><td class=\"n\">{e.Sales.Net.ToString("N2", l.Culture)}</td></tr>");
        }
        html.Append("</table></div></section>");
    }

    /// <summary>A tile: the combined figure, and under it each platform's share when the page shows more than one.</summary>
    private static void Tile(StringBuilder html, string id, string label, SalesOverview sales, Func<SalesFigures, decimal> figure, DashboardLabels l)
    {
        var c = l.Culture;
        var inv = CultureInfo.InvariantCulture;
        var integral = id == "today-tickets";
        string Text(decimal v) => v.ToString(integral ? "N0" : "N2", c);
        string Data(decimal v) => v.ToString(integral ? "F0" : "F2", inv);
        var total = figure(sales.Today.Total);
        html.Append(inv, $"<div class=\"tile\"><b id=\"{id}\" data-value=\"{Data(total)}\">{Text(total)}</b><span>{E(label)}</span>");
        if (sales.Platforms.Count > 1)
        {
            html.Append("<ul class=\"split\">");
            foreach (var (platform, figures) in sales.Today.ByPlatform)
            {
                html.Append(inv, $"<li data-platform=\"{platform}\" data-value=\"{Data(figure(figures))}\"><span class=\"key {platform}\"></span>{E(l[platform])}: {Text(figure(figures))}</li>");
            }
            html.Append("</ul>");
        }
        html.Append("</div>");
    }

    private static void WriteRuns(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="runs"><h2>{E(l["runs"])}</h2><div class="scroll"><table id="runs"><tr><th>#</th><th>{E(l["account"])}</th><th>{E(l["kind"])}</th><th>{E(l["status"])}</th><th>{E(l["started"])}</th><th class="n">{E(l["seen"])}</th><th class="n">{E(l["inserted"])}</th><th class="n">{E(l["updated"])}</th><th class="n">{E(l["healed"])}</th><th class="n">{E(l["refreshed"])}</th></tr>
            """);
        foreach (var r in model.Runs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-account=\"{E(r.Account)}\"><td><a href=\"/api/v1/sync/runs/{r.Id}\">{r.Id}</a></td><td>{E(r.Account)}</td><td>{E(r.Kind)}</td><td>{E(r.Status)}</td><td>{E(Local(r.StartedAt, model.TimeZone, c))}</td><td class=\"n\">{r.OrdersSeen.ToString("N0", c)}</td><td class=\"n\">{r.Inserted.ToString("N0", c)}</td><td class=\"n\">{r.Updated.ToString("N0", c)}</td><td class=\"n\">{r.GapsHealed.ToString("N0", c)}</td><td class=\"n\">{r.Refreshed.ToString("N0", c)}</td></tr>");
        }
        html.Append("</table></div></section>");
    }

    private static void WriteFailures(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        WriteListSection(html, l, "failures", model.Failures, ["when", "account", "what", "reason"], f =>
        {
            var link = f.Kind == "delivery" ? $"/api/v1/webhooks/deliveries/{f.Id}" : $"/api/v1/sync/runs/{f.Id}";
            var reason = Shortened(f.Reason);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(Local(f.At, model.TimeZone, c))}</td><td>{E(f.Account)}</td><td><a href=\"{link}\">{E(l[f.Kind])} {f.Id}</a> {E(f.What)}</td><td>{E(reason ?? "")}</td></tr>");
        });
    }

    private static void WriteCommands(StringBuilder html, DashboardModel model, DashboardLabels l)
    {
        var c = l.Culture;
        WriteListSection(html, l, "commands", model.Commands, ["when", "what", "state", "reason"], command =>
        {
            var link = $"/api/v1/orders/{Uri.EscapeDataString(command.Account)}/{Uri.EscapeDataString(command.OrderId)}/actions";
            var error = Shortened(command.Error);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(Local(command.At, model.TimeZone, c))}</td><td><a href=\"{E(link)}\">{E(command.Action)} {E(command.Account)} #{E(command.OrderId)}</a> <a class=\"history\" href=\"{E(OrderHistoryPage.Link(command.Account, command.OrderId))}\">{E(l["history_link"])}</a></td><td>{E(command.State)}</td><td>{E(error ?? "")}</td></tr>");
        });
    }

    /// <summary>
    /// The section <paramref name="name"/> (its class, its table's id and its title's label): a table of
    /// <paramref name="items"/> under the <paramref name="columns"/>' labels, a row each, or a line saying there is none.
    /// </summary>
    private static void WriteListSection<T>(
        StringBuilder html, DashboardLabels l, string name, IReadOnlyList<T> items, string[] columns, Action<T> writeRow)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"{name}\"><h2>{E(l[name])}</h2>");
        if (items.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"no-{name}\">").Append(E(l["none"])).Append("</p></section>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table id=\"{name}\"><tr>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(E(l[column])).Append("</th>");
        }
        html.Append("</tr>");
        foreach (var item in items)
        {
            writeRow(item);
        }
        html.Append("</table></div></section>");
    }

    /// <summary>A reason or error cut to its first 200 characters, so one long stack trace does not swamp the table.</summary>
    private static string? Shortened(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;

    internal static string Local(DateTimeOffset at, string zone, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("dd.MM HH:mm:ss", culture);

    internal static string E(string text) => Encoder.Encode(text);
}
