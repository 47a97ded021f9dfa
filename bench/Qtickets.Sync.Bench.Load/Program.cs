using System.Globalization;
using System.Text.Json;
using Qtickets.Sync.Bench;

// Load tools of bench/run.sh. Every command prints one JSON object on stdout.
//   payloads --out FILE --count N --first-id ID --secret S
//   rate     --url URL --payloads FILE --rate R --seconds S [--warmup 3] [--timeline FILE]
//   freshness --base URL --key READ_KEY --secret S --account NAME --rate R --seconds S --first-id ID [--time-zone Europe/Moscow]
//            [--poll-ms 25] [--tracked-per-second 10] [--patience-seconds 120]
//   read     --base URL --key K --orders N --events E --first-day 2025-01-01 --days 365 [--samples 300] [--depth 20] [--only list|daily|byid]
//   read-both --base URL --key K --orders N --tc-account NAME --tc-samples FILE --first-day 2025-01-01 --days 365 [--samples 300] [--depth 20]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Qtickets.Sync.Bench.Load payloads|rate|freshness|read|read-both --option value ...");
    return 2;
}
var options = new CommandLine(args.Skip(1));
object result;
switch (args[0])
{
    case "payloads":
        PayloadFile.Write(options.Get("out"), options.Long("first-id"), options.Long("count"), options.Get("secret"));
        result = new { file = options.Get("out"), count = options.Long("count"), first_id = options.Long("first-id") };
        break;
    case "rate":
        using (var payloads = PayloadFile.Read(options.Get("payloads")).GetEnumerator())
        {
            var load = new OpenLoopLoad(
                new Uri(options.Get("url")),
                options.Double("rate", 500),
                TimeSpan.FromSeconds(options.Double("seconds", 20)),
                TimeSpan.FromSeconds(options.Double("warmup", 3)),
                options.Get("timeline", "") is { Length: > 0 } timeline ? timeline : null);
            result = await load.RunAsync(payloads);
        }
        break;
    case "freshness":
        result = await new FreshnessProbe(
            new Uri(options.Get("base")),
            options.Get("key"),
            options.Get("secret"),
            options.Get("account", "default"),
            options.Double("rate", 100),
            TimeSpan.FromSeconds(options.Double("seconds", 60)),
            options.Long("first-id"),
            TimeZoneInfo.FindSystemTimeZoneById(options.Get("time-zone", "Europe/Moscow")),
            TimeSpan.FromMilliseconds(options.Double("poll-ms", 25)),
            options.Double("tracked-per-second", 10),
            TimeSpan.FromSeconds(options.Double("patience-seconds", 120))).RunAsync();
        break;
    case "read":
        var probe = new ReadApiProbe(
            new Uri(options.Get("base")),
            options.Get("key"),
            options.Long("orders"),
            (int)options.Long("events"),
            DateOnly.Parse(options.Get("first-day", "2025-01-01"), CultureInfo.InvariantCulture),
            (int)options.Long("days", 365),
            (int)options.Long("samples", 300),
            (int)options.Long("depth", 20),
            options.Get("only", "") is { Length: > 0 } only ? only : null);
        result = await probe.RunAsync();
        break;
    case "read-both":
        result = await new UnifiedReadProbe(
            new Uri(options.Get("base")),
            options.Get("key"),
            options.Long("orders"),
            options.Get("tc-account"),
            options.Get("tc-samples"),
            DateOnly.Parse(options.Get("first-day", "2025-01-01"), CultureInfo.InvariantCulture),
            (int)options.Long("days", 365),
            (int)options.Long("samples", 300),
            (int)options.Long("depth", 20)).RunAsync();
        break;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;
