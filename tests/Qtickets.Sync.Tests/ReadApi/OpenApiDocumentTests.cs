using System.Text.Json;
using System.Text.Json.Nodes;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.ReadApi;

public class OpenApiDocumentTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private const string CheckedInPath = "docs/openapi.v1.json";

    [Fact]
    public async Task The_served_document_matches_the_checked_in_one()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var served = Canonical(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        var path = RepositoryFiles.PathOf(CheckedInPath);

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served + "\n");
            return;
        }

        var checkedIn = File.Exists(path) ? Canonical(await File.ReadAllTextAsync(path)) : "(missing)";
        Assert.True(served == checkedIn,
            $"{CheckedInPath} is out of date with /swagger/v1/swagger.json. Regenerate it with " +
            "`UPDATE_OPENAPI=1 dotnet test tests/Qtickets.Sync.Tests --filter FullyQualifiedName~OpenApiDocumentTests` and commit it.");
    }

    [Fact]
    public async Task The_document_offers_the_api_key_scheme_and_problem_responses()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        var root = document.RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        var list = root.GetProperty("paths").GetProperty("/api/v1/orders").GetProperty("get");
        foreach (var status in new[] { "200", "400", "401", "403" })
        {
            Assert.True(list.GetProperty("responses").TryGetProperty(status, out _), $"GET /api/v1/orders lacks a {status} response");
        }
        var page = list.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal("#/components/schemas/MirrorOrderPageDto", page.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(page.TryGetProperty("text/csv", out _), "GET /api/v1/orders does not declare its CSV export");
        Assert.False(string.IsNullOrEmpty(list.GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task Money_is_declared_decimal_and_closed_sets_as_enums()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");

        foreach (var (schema, property) in new[] { ("MirrorOrderDto", "total"), ("MirrorTicketDto", "price"), ("MirrorOrderDto", "refundedAmount"), ("DailySalesRowDto", "net"), ("DailySalesRowDto", "serviceFees") })
        {
            var money = schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);
            Assert.Equal(("number", "decimal"), (money.GetProperty("type").GetString(), money.GetProperty("format").GetString()));
        }
        // One read model across platforms: its closed sets are enums a generated client can switch on.
        Assert.Equal(["reserved", "paid", "expired", "cancelled", "partially_refunded", "refunded"],
            schemas.GetProperty("MirrorOrderDto").GetProperty("properties").GetProperty("status").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["qtickets", "ticketscloud"],
            schemas.GetProperty("MirrorOrderDto").GetProperty("properties").GetProperty("platform").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.True(root.GetProperty("paths").GetProperty("/api/v1/ticketscloud/orders").GetProperty("get").GetProperty("deprecated").GetBoolean());
        var kind = schemas.GetProperty("ReconcileRequest").GetProperty("properties").GetProperty("kind");
        Assert.Equal(SyncRunTrigger.ReconcileKinds.Order(StringComparer.Ordinal), kind.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var runStatus = root.GetProperty("paths").GetProperty("/api/v1/sync/runs").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "status");
        Assert.Contains(SyncRunStatuses.Skipped, runStatus.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_what_the_service_insists_on_is_declared_required()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        var root = document.RootElement;

        Assert.NotEqual(0, root.GetProperty("servers").GetArrayLength());
        var unsummarised = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name} {path.Name}", Op: op.Value)))
            .Where(o => string.IsNullOrWhiteSpace(o.Op.TryGetProperty("summary", out var s) ? s.GetString() : null))
            .Select(o => o.Name);
        Assert.Empty(unsummarised);
        var idempotencyKey = root.GetProperty("paths").GetProperty("/api/v1/orders/{account}/{id}/actions").GetProperty("post")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(idempotencyKey.TryGetProperty("required", out var required) && required.GetBoolean(), "Idempotency-Key is not declared required");
        // The webhook receivers take no API key but refuse a delivery without a signature or an event type.
        var webhook = root.GetProperty("paths").GetProperty("/webhooks/qtickets/{account}").GetProperty("post");
        Assert.Equal(0, webhook.GetProperty("security").GetArrayLength());
        var requiredHeaders = webhook.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header" && p.TryGetProperty("required", out var r) && r.GetBoolean())
            .Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["X-Signature", "X-Event-Type"], requiredHeaders);
        // The service refuses unknown properties in these bodies (RequestMessageTests); the document says so.
        foreach (var body in new[] { "ReconcileRequest", "BackfillRequest", "OrderActionRequest", "BasketEditRequest", "CustomerRequest", "VendorDataRequest" })
        {
            Assert.False(root.GetProperty("components").GetProperty("schemas").GetProperty(body).GetProperty("additionalProperties").GetBoolean(),
                $"{body} does not declare additionalProperties: false");
        }
    }

    /// <summary>Sorted keys and fixed indentation, so property order and whitespace never cause a difference.</summary>
    private static string Canonical(string json) =>
        Sort(JsonNode.Parse(json))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        null => null,
        _ => node.DeepClone(),
    };
}
