using System.Text.Json;
using Qtickets.Sync.Bench;

// The soak's judge: compares the mirror with the emulator's truth once the faults are over and one reconcile
// has run. Prints one JSON object (counts and the first mismatches) and exits 1 on any mismatch. With --service,
// it also folds the service's change feed from empty and holds the result against the mirror (FeedFold).
//   compare --emulator http://127.0.0.1:5192/ --connection CS [--time-zone Europe/Moscow] [--ignore-from-id 900000000]
//           [--service http://127.0.0.1:5190/ --api-key KEY] [--skip-webhooks true]   (a restored database: webhooks after its backup are not in its inbox, by design)
if (args.Length == 0 || args[0] != "compare")
{
    Console.Error.WriteLine("usage: Qtickets.Sync.Bench.Soak compare --emulator URL --connection CS [--time-zone Europe/Moscow] [--ignore-from-id N] [--service URL --api-key KEY] [--skip-webhooks true]");
    return 2;
}
var options = new CommandLine(args.Skip(1));
using var http = new HttpClient { BaseAddress = new Uri(options.Get("emulator")), Timeout = TimeSpan.FromMinutes(2) };
var emulator = new EmulatorTruth(http);
var zoneName = options.Get("time-zone", "Europe/Moscow");
var ignoreFrom = options.Long("ignore-from-id", long.MaxValue);
var ct = CancellationToken.None;
try
{
    var truth = await emulator.OrdersAsync(ct);
    var counters = await emulator.CountersAsync(ct);
    var mirror = await MirrorSnapshot.ReadAsync(options.Get("connection"), zoneName, ignoreFrom, ct);

    var comparison = new SoakComparison(truth, mirror, TimeZoneInfo.FindSystemTimeZoneById(zoneName));
    comparison.CompareOrders(ignoreFrom);
    comparison.CompareDailySales();
    if (options.Get("skip-webhooks", "false") != "true")
    {
        comparison.CompareWebhooks(counters);
    }
    FeedFold? fold = null;
    if (options.Get("service", "") is { Length: > 0 } service)
    {
        using var api = new HttpClient { BaseAddress = new Uri(service), Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Add("X-Api-Key", options.Get("api-key"));
        fold = new FeedFold();
        await fold.ReadAsync(api, ignoreFrom, ct);
        await fold.CompareAsync(options.Get("connection"), ignoreFrom, ct);
    }
    var mismatches = comparison.Mismatches.Count + (int)mirror.InboxDuplicates
        + (fold is null ? 0 : fold.OrderMismatches + fold.TicketMismatches);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        truth_orders = truth.Count,
        truth_paid_orders = truth.Count(o => o.Payed),
        truth_baskets = truth.Sum(o => o.Baskets.Count),
        mirror_orders = mirror.Orders.Count,
        mirror_baskets = mirror.BasketsByOrder.Values.Sum(b => b.Count),
        unpaid_orders_unknown_to_mirror = comparison.UnpaidUnknown,
        unpaid_orders_stale = comparison.UnpaidStale,
        order_mismatches = comparison.OrderMismatches,
        basket_mismatches = comparison.BasketMismatches,
        daily_sales_rows = mirror.DailySales.Count,
        daily_sales_mismatches = comparison.SalesMismatches,
        daily_sales_table_rows = mirror.DailySalesTable.Count,
        daily_sales_table_mismatches = comparison.TableMismatches,
        webhooks_answered_200 = counters.WebhooksDelivered,
        inbox_rows = mirror.InboxRows,
        inbox_receipts = mirror.InboxReceipts,
        webhooks_missing_from_inbox = comparison.MissingWebhooks,
        inbox_duplicates = mirror.InboxDuplicates,
        pending_deliveries = mirror.PendingDeliveries,
        mismatches,
        first_mismatches = comparison.Mismatches.Take(20),
        first_unpaid_differences = comparison.UnpaidDifferences.Take(10),
        feed = fold is null ? null : new
        {
            changes = fold.Changes,
            pages = fold.Pages,
            orders = fold.Orders,
            tickets = fold.Tickets,
            order_mismatches = fold.OrderMismatches,
            ticket_mismatches = fold.TicketMismatches,
            first_mismatches = fold.Mismatches,
        },
        emulator = counters,
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    return mismatches == 0 ? 0 : 1;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or Npgsql.NpgsqlException or JsonException)
{
    Console.Error.WriteLine($"soak compare: {ex.Message}");
    return 3;
}
