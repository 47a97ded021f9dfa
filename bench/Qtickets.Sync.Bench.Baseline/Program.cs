using System.Text.Json;
using Qtickets.Sync.Bench;

// Baselines of bench/run.sh, re-measured in the same run as the figure they are compared with.
//   serve  --connection CS --urls URL            naive durable webhook accept (one INSERT per request)
//   upsert --connection CS --orders N [--first-id 1]   200-row INSERT … ON CONFLICT batches into the mirror's tables
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Qtickets.Sync.Bench.Baseline serve|upsert --connection CS ...");
    return 2;
}
var options = new CommandLine(args.Skip(1));
switch (args[0])
{
    case "serve":
        await NaiveInbox.RunAsync(["--urls", options.Get("urls")], options.Get("connection"));
        return 0;
    case "upsert":
        var result = await new UpsertBaseline(options.Get("connection"), options.Long("orders"), options.Long("first-id", 1)).RunAsync();
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
