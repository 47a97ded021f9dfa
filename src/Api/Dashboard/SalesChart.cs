using System.Globalization;
using System.Text;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>
/// The daily net sales chart as inline SVG drawn here: no chart library, nothing fetched from elsewhere, so it
/// works offline. Each bar carries its day and net amount in <c>data-</c> attributes for tests and tools.
/// </summary>
public static class SalesChart
{
    private const int Width = 900;
    private const int Height = 220;
    private const int Left = 56;
    private const int Bottom = 24;
    private const int Top = 8;

    public static void Write(StringBuilder html, IReadOnlyList<SalesDay> days, DashboardLabels labels)
    {
        var max = Math.Max(days.Max(d => d.Net), 0m);
        var min = Math.Min(days.Min(d => d.Net), 0m);
        var span = max - min == 0 ? 1m : max - min;
        var plot = Height - Top - Bottom;
        double Y(decimal v) => Top + (double)((max - v) / span) * plot;
        var slot = (Width - Left) / (double)days.Count;
        var inv = CultureInfo.InvariantCulture;

        html.Append(inv, $"<svg id=\"sales-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Enc(labels["chart"])}\">");
        foreach (var tick in new[] { max, (max + min) / 2, min }.Distinct())
        {
            html.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{Y(tick):F1}\" y2=\"{Y(tick):F1}\" class=\"grid\"/>");
            html.Append(inv, $"<text x=\"{Left - 4}\" y=\"{Y(tick) + 4:F1}\" class=\"axis\" text-anchor=\"end\">{Enc(Short(tick, labels.Culture))}</text>");
        }
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var top = Y(Math.Max(day.Net, 0m));
            var bottom = Y(Math.Min(day.Net, 0m));
            var x = Left + (i * slot) + (slot * 0.15);
            var title = $"{day.Day.ToString("d MMM", labels.Culture)}: {day.Net.ToString("N2", labels.Culture)} ({day.Tickets})";
            html.Append(inv, $"<rect class=\"bar{(day.Net < 0 ? " neg" : "")}\" x=\"{x:F1}\" y=\"{top:F1}\" width=\"{slot * 0.7:F1}\" height=\"{Math.Max(bottom - top, 0.5):F1}\" data-day=\"{day.Day:yyyy-MM-dd}\" data-net=\"{day.Net.ToString("F2", inv)}\" data-tickets=\"{day.Tickets}\"><title>{Enc(title)}</title></rect>");
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
