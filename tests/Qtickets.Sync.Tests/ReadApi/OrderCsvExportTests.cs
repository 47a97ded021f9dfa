using System.Text;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

public class OrderCsvExportTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Orders_csv_is_a_utf8_attachment_a_spreadsheet_reads_back_exactly()
    {
        var tricky = Order(70, T0, baskets: [Ticket(100)]);
        tricky.ClientName = "Иван; \"Ваня\"\nмладший";
        tricky.ClientSurname = "Щукин, Ёлкин";
        var plain = Order(70, T0.AddHours(1), baskets: [Ticket(250.75m)]);
        var otherEvent = Order(71, T0, baskets: [Ticket(1)]);
        await SaveAsync(factory, tricky, plain, otherEvent);
        using var client = factory.CreateClient(SyncApiFactory.PiiKey);

        var response = await client.GetAsync(new Uri("/api/v1/orders?event_id=70&format=csv&limit=1", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Csv.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3));
        var header = rows[0];
        string Cell(int row, string column) => rows[row][header.IndexOf(column)];
        // The export ignores the page size: every matching order, newest first.
        Assert.Equal(3, rows.Count);
        Assert.Equal(plain.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(1, "id"));
        Assert.Equal(("qtickets", "paid", "250.75"), (Cell(1, "platform"), Cell(1, "status"), Cell(1, "total")));
        Assert.Equal($"{tricky.ClientName} {tricky.ClientSurname}", Cell(2, "customer_name"));
        Assert.Equal(tricky.ClientEmail, Cell(2, "customer_email"));
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_neutralised()
    {
        var order = Order(73, T0, baskets: [Ticket(100)]);
        order.ClientName = "=HYPERLINK(\"http://evil.example\",\"click\")";
        order.ClientSurname = "+1+1";
        order.ClientEmail = "-2+3@example.org";
        order.ClientPhone = "\t=1";
        await SaveAsync(factory, order);
        using var client = factory.CreateClient(SyncApiFactory.PiiKey);

        var response = await client.GetAsync(new Uri("/api/v1/orders?event_id=73&format=csv", UriKind.Relative));
        var rows = Csv.Parse(Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]));
        string Cell(string column) => rows[1][rows[0].IndexOf(column)];

        Assert.Equal($"'{order.ClientName} +1+1", Cell("customer_name"));
        Assert.Equal("'-2+3@example.org", Cell("customer_email"));
        Assert.Equal("'\t=1", Cell("customer_phone"));
        // Numbers are ours, not text from outside: they stay numbers.
        Assert.False(Cell("total").StartsWith('\''), Cell("total"));
    }

    [Fact]
    public async Task Accept_text_csv_selects_the_export_and_masks_for_a_read_key()
    {
        var order = Order(72, T0, baskets: [Ticket(100)]);
        order.ClientEmail = "username@gmail.com";
        await SaveAsync(factory, order);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/orders?event_id=72", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await client.SendAsync(request);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);

        var rows = Csv.Parse(text);
        Assert.Equal("u***@gmail.com", rows[1][rows[0].IndexOf("customer_email")]);
        Assert.Equal("И.", rows[1][rows[0].IndexOf("customer_name")]);
    }

    [Fact]
    public async Task An_export_larger_than_the_largest_page_holds_every_order_once_newest_first()
    {
        // Read in pages of 500 behind the scenes; ties of one creation instant straddle the page boundaries.
        var orders = Enumerable.Range(0, 1203).Select(i => Order(74, T0.AddMinutes(i / 4), baskets: [Ticket(1)])).ToArray();
        await SaveAsync(factory, orders);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var response = await client.GetAsync(new Uri("/api/v1/orders?event_id=74&format=csv", UriKind.Relative));
        var rows = Csv.Parse(Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]));
        var ids = rows.Skip(1).Select(r => long.Parse(r[rows[0].IndexOf("id")], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var created = rows.Skip(1).Select(r => DateTimeOffset.Parse(r[rows[0].IndexOf("created_at")], System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(orders.Select(o => o.Id).Order(), ids.Order());
        Assert.Equal(created.OrderDescending(), created);
    }
}
