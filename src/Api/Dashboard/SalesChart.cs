using System.Globalization;
using System.Text;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// The daily net sales chart as inline SVG drawn here: no chart library, nothing fetched from elsewhere, so it
/// works offline. Each day is a stack of one bar per platform (a platform's refunds beyond its sales go below
/// zero); the day's group carries the combined net and tickets, each bar its platform's, in <c>data-</c>
/// attributes for tests and tools.
/// </summary>
public static class SalesChart
{
    private const int Width = 900;
    private const int Height = 220;
    private const int Left = 56;
    private const int Bottom = 24;
    private const int Top = 8;

    public static void Write(StringBuilder html, IReadOnlyList<SalesDay> days, IReadOnlyList<string> platforms, DashboardLabels labels)
    {
        var inv = CultureInfo.InvariantCulture;
        var c = labels.Culture;
        // The stack's reach: positive shares add up above zero, negative ones below.
        var max = Math.Max(days.Max(d => d.Sales.ByPlatform.Values.Where(f => f.Net > 0).Sum(f => f.Net)), 0m);
        var min = Math.Min(days.Min(d => d.Sales.ByPlatform.Values.Where(f => f.Net < 0).Sum(f => f.Net)), 0m);
        var span = max - min == 0 ? 1m : max - min;
        var plot = Height - Top - Bottom;
        double Y(decimal v) => Top + (double)((max - v) / span) * plot;
        var slot = (Width - Left) / (double)days.Count;

        html.Append(inv, $"<svg id=\"sales-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Enc(labels["chart"])}\">");
        foreach (var tick in new[] { max, (max + min) / 2, min }.Distinct())
        {
            html.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{Y(tick):F1}\" y2=\"{Y(tick):F1}\" class=\"grid\"/>");
            html.Append(inv, $"<text x=\"{Left - 4}\" y=\"{Y(tick) + 4:F1}\" class=\"axis\" text-anchor=\"end\">{Enc(Short(tick, c))}</text>");
        }
        if (min < 0)
        {
            html.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{Y(0):F1}\" y2=\"{Y(0):F1}\" class=\"zero\"/>");
        }
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var total = day.Sales.Total;
            var x = Left + (i * slot) + (slot * 0.15);
            var title = $"{day.Day.ToString("d MMM", c)}: {total.Net.ToString("N2", c)} ({total.Tickets})"
                + (platforms.Count > 1 ? string.Concat(platforms.Select(p => $"\n{labels[p]}: {day.Sales.ByPlatform[p].Net.ToString("N2", c)} ({day.Sales.ByPlatform[p].Tickets})")) : "");
            html.Append(inv, $"<g class=\"day\" data-day=\"{day.Day:yyyy-MM-dd}\" data-net=\"{total.Net.ToString("F2", inv)}\" data-tickets=\"{total.Tickets}\"><title>{Enc(title)}</title>");
            decimal above = 0m, below = 0m;
            foreach (var platform in platforms)
            {
                var share = day.Sales.ByPlatform[platform];
                var (from, to) = share.Net >= 0 ? (above, above += share.Net) : (below, below += share.Net);
                var top = Y(Math.Max(from, to));
                var bottom = Y(Math.Min(from, to));
                html.Append(inv, $"<rect class=\"bar {platform}{(share.Net < 0 ? " neg" : "")}\" x=\"{x:F1}\" y=\"{top:F1}\" width=\"{slot * 0.7:F1}\" height=\"{Math.Max(bottom - top, share.Net == 0 ? 0 : 0.5):F1}\" data-platform=\"{platform}\" data-net=\"{share.Net.ToString("F2", inv)}\" data-tickets=\"{share.Tickets}\"/>");
            }
            html.Append("</g>");
            if ((days.Count - 1 - i) % 7 == 0)
            {
                html.Append(inv, $"<text x=\"{x + (slot * 0.35):F1}\" y=\"{Height - 6}\" class=\"axis\" text-anchor=\"middle\">{Enc(day.Day.ToString("dd.MM", inv))}</text>");
            }
        }
        html.Append("</svg>");
    }

    private static string Short(decimal value, CultureInfo culture) => Math.Abs(value) switch
    {
        >= 1_000_000m => (value / 1_000_000m).ToString("0.#", culture) + "M",
        >= 1_000m => (value / 1_000m).ToString("0.#", culture) + "k",
        _ => value.ToString("0", culture),
    };

    private static string Enc(string text) => DashboardPage.E(text);
}
