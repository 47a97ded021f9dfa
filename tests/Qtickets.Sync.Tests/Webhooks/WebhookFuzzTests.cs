using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Domain.Webhooks;
using Xunit.Abstractions;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>Fetch-back answered by a fake (fuzzed bodies without baskets are fetched); refusals never rate limited.</summary>
public sealed class FuzzWebhookFactory : FetchBackWebhookFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Webhooks:RefusalsPerWindow"] = "1000000",
    };
}

/// <summary>
/// Random and mutated webhook requests against the real endpoint and database, with genuine deliveries among
/// them. After every batch: no 5xx (the database is up), nothing left pending, every genuine delivery applied.
/// The seed is printed, and QTICKETS_FUZZ_SEED replays a run.
/// </summary>
public class WebhookFuzzTests(FuzzWebhookFactory factory, ITestOutputHelper output) : IClassFixture<FuzzWebhookFactory>
{
    private const int Batches = 6;
    private const int FuzzedPerBatch = 80;
    private const int GenuinePerBatch = 10;

    private static readonly string[] Fields =
    [
        "id", "uniqid", "payed", "payed_at", "created_at", "updated_at", "deleted_at", "client_id", "client", "baskets",
        "price", "currency_id", "utm", "custom", "fields", "integrations", "event_id", "reserved", "site",
    ];

    private static readonly JsonNode?[] WrongValues =
    [
        null, true, false, 0, -1, 1.5, long.MaxValue, "", "x", "\u0000", "2999-01-01T00:00:00+03:00", "not a date",
        new JsonArray(), new JsonObject(), new JsonArray(1, "2", null), JsonNode.Parse("1e300"),
    ];

    [Fact]
    public async Task Mutated_and_random_requests_never_answer_5xx_never_stick_and_never_hold_up_genuine_deliveries()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("QTICKETS_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"QTICKETS_FUZZ_SEED={seed}");
        var random = new Random(seed);

        for (var batch = 0; batch < Batches; batch++)
        {
            var genuine = Enumerable.Range(0, GenuinePerBatch).Select(_ => OrderPayload.New()).ToList();
            var requests = Enumerable.Range(0, FuzzedPerBatch).Select(_ => Fuzzed(random))
                .Concat(genuine.Select(o => Genuine(o.ToString())))
                .OrderBy(_ => random.Next())
                .ToList();

            var answers = await Task.WhenAll(requests.Select(SendAsync));

            var serverErrors = answers.Where(a => (int)a.Status >= 500).ToList();
            Assert.True(serverErrors.Count == 0,
                $"seed {seed}, batch {batch}: {string.Join("; ", serverErrors.Select(a => $"{(int)a.Status} for {a.Request.Describe()}"))}");
            Assert.All(answers.Where(a => a.Request.IsGenuine), a => Assert.Equal(HttpStatusCode.OK, a.Status));

            await factory.ApplyAsync();

            await using var db = factory.CreateDbContext();
            Assert.Equal(0, await db.WebhookDeliveries.CountAsync(d => d.Status == DeliveryStatuses.Pending));
            foreach (var order in genuine)
            {
                var deliveries = await factory.DeliveriesOfAsync(order.Id);
                Assert.Contains(deliveries, d => d.Status == DeliveryStatuses.Applied);
                Assert.NotNull(await factory.StoredOrderAsync(order.Id));
            }
        }
    }

    private async Task<Answer> SendAsync(FuzzRequest request)
    {
        using var client = factory.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/qtickets", UriKind.Relative))
        {
            Content = new ByteArrayContent(request.Body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(message);
        return new Answer(request, response.StatusCode);
    }

    private static FuzzRequest Genuine(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new FuzzRequest(bytes, [("X-Event-Type", WebhookEventTypes.Updated), ("X-Model-Name", "Order"), ("X-Signature", Sign(bytes))], true, "genuine");
    }

    private static FuzzRequest Fuzzed(Random random)
    {
        var (body, kind) = FuzzedBody(random);
        var headers = new List<(string, string)>
        {
            ("X-Event-Type", Pick(random, [WebhookEventTypes.Updated, WebhookEventTypes.Payed, "refunded", "made_up", "", new string('e', 65), new string('e', 5000), "upd\tated", " updated ", "UPDATED", "ä"])),
            ("X-Model-Name", Pick(random, ["Order", "Order", "Client", "", new string('m', 65), "Or\u00e9der"])),
        };
        // Mostly signed correctly, so the bytes get past the door and reach the parser and the database.
        var signature = random.Next(10) switch
        {
            < 7 => Sign(body),
            7 => new string('0', 40),
            8 => "zz-not-hex",
            _ => null,
        };
        if (signature is not null)
        {
            headers.Add(("X-Signature", signature));
        }
        return new FuzzRequest(body, headers, false, kind);
    }

    private static (byte[] Body, string Kind) FuzzedBody(Random random)
    {
        var order = JsonNode.Parse(OrderPayload.New().ToString())!.AsObject();
        switch (random.Next(11))
        {
            case 0:
                order[Pick(random, Fields)] = WrongValues[random.Next(WrongValues.Length)]?.DeepClone();
                return (Utf8(order), "wrong type");
            case 1:
                return (Utf8(order.ToJsonString().Replace("\"uniqid\":\"", "\"uniqid\":\"\\ud800", StringComparison.Ordinal)), "lone surrogate");
            case 2:
                return (Utf8(order.ToJsonString().Replace("\"updated_at\":\"", "\"updated_at\":\"\\udfff", StringComparison.Ordinal)), "surrogate in updated_at");
            case 3:
                order["client"] = new JsonObject { ["details"] = new JsonObject { ["name"] = "Iv\u0000an" } };
                return (Utf8(order), "NUL");
            case 4:
                return (Utf8(order.ToJsonString().Replace($"\"id\":{order["id"]}", Pick(random, ["\"id\":1e400", "\"id\":99999999999999999999999", "\"id\":-1", "\"id\":0.5"]), StringComparison.Ordinal)), "huge number");
            case 5:
                var depth = random.Next(60, 3000);
                return (Utf8($"{{\"id\":{order["id"]},\"x\":{new string('[', depth)}{new string(']', depth)}}}"), "deep nesting");
            case 6:
                return (Utf8(order.ToJsonString().Replace("{\"id\":", $"{{\"id\":{random.Next()},\"id\":", StringComparison.Ordinal)), "duplicated key");
            case 7:
                return ([0xEF, 0xBB, 0xBF, .. Utf8(order)], "BOM");
            case 8:
                var bytes = Utf8(order);
                for (var i = 0; i < 1 + random.Next(8); i++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
                }
                return (bytes, "malformed UTF-8");
            case 9:
                var cut = Utf8(order);
                return (cut[..random.Next(cut.Length)], "truncated");
            default:
                var noise = new byte[random.Next(0, 512)];
                random.NextBytes(noise);
                return (noise, "random bytes");
        }
    }

    private static byte[] Utf8(JsonObject json) => Utf8(json.ToJsonString());

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Sign(byte[] body) =>
        Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(WebhookApiFactory.Secret), body));

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private sealed record FuzzRequest(byte[] Body, List<(string Name, string Value)> Headers, bool IsGenuine, string Kind)
    {
        public string Describe() =>
            $"{Kind} [{string.Join(", ", Headers.Select(h => $"{h.Name}: {(h.Value.Length > 40 ? h.Value[..40] + "…" : h.Value)}"))}] " +
            Convert.ToBase64String(Body[..Math.Min(Body.Length, 200)]);
    }

    private sealed record Answer(FuzzRequest Request, HttpStatusCode Status);
}
