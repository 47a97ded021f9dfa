using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>A host with a Ticketscloud account beside the QTickets one, and a key that may only act on orders.</summary>
public sealed class PersonalDataFactory : SyncApiFactory
{
    public const string ActionsKey = "test-actions-only-key-0123456789";
    public const string TicketscloudAccount = "tc";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Auth:ApiKeys:3:Key"] = ActionsKey,
        ["Auth:ApiKeys:3:Scopes"] = "actions",
        ["Accounts:0:Name"] = TicketscloudAccount,
        ["Accounts:0:Platform"] = "ticketscloud",
        ["Accounts:0:BaseUrl"] = "https://ticketscloud.invalid/",
        ["Accounts:0:Token"] = "tc-token",
    };

    private Task? seeded;

    /// <summary>The QTickets order the walk's data hangs on.</summary>
    public global::Qtickets.Sync.Domain.Orders.Order Order { get; } =
        ReadApiData.Order(777_001, new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), baskets: [ReadApiData.Ticket(100)]);

    public long DeliveryId { get; set; }

    /// <summary>Arranges the class's rows once, however many of its tests run.</summary>
    public Task SeedOnceAsync(Func<Task> seed) => seeded ??= seed();
}

/// <summary>
/// Walks every GET endpoint the host maps (read from its endpoint data source, so an endpoint added later is
/// walked too) over a database holding orders, Ticketscloud orders, webhook deliveries and order commands with
/// known contact details: a key without <c>read:pii</c> finds none of them anywhere, in JSON, CSV, HTML or a
/// problem; the admin key, walking the same way, finds every one (so the walk does reach the data).
/// </summary>
public sealed class PersonalDataWalkTests(PersonalDataFactory factory) : IClassFixture<PersonalDataFactory>, IAsyncLifetime
{
    private const string TcOrderId = "5d1a2b3c4d5e6f7a8b9c0d99";
    private const string TcEmail = "tc.customer@example.net", TcPhone = "+79035551234";
    private const string CommandEmail = "new.holder@example.org", CommandPhone = "+79267654321";
    private const string ResponseEmail = "answer.buyer@example.org", ResponsePhone = "+79161112233";
    private const string DeliveryEmail = "hook.buyer@example.org", DeliveryPhone = "+79998887766";
    private const string ErrorEmail = "refused.buyer@example.org";

    private static readonly string[] QueryVariants = ["", "?include=raw", "?include=body", "?format=csv"];

    /// <summary>An e-mail address whose local part is not masked (<c>u***@…</c> is).</summary>
    private static readonly Regex ClearEmail = new(@"[\w.+-]+@[\w-]+\.[\w.-]+", RegexOptions.CultureInvariant);

    private global::Qtickets.Sync.Domain.Orders.Order SeededOrder => factory.Order;
    private long DeliveryId => factory.DeliveryId;

    private string[] Secrets =>
    [
        SeededOrder.ClientEmail!, SeededOrder.ClientPhone!, SeededOrder.Baskets[0].ClientEmail!, SeededOrder.Baskets[0].ClientPhone!,
        TcEmail, TcPhone, CommandEmail, CommandPhone, ResponseEmail, ResponsePhone, DeliveryEmail, DeliveryPhone, ErrorEmail,
        // Names too: a buyer's surname, a Ticketscloud customer's name, one inside the platform's answer.
        SeededOrder.ClientSurname!, "Анна Смирнова", "Кузнецов",
    ];

    public Task InitializeAsync() => factory.SeedOnceAsync(SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SeedAsync()
    {
        // The order as QTickets sent it carries the ticket holder's details: reachable only through include=raw.
        var holder = SeededOrder.Baskets[0];
        SeededOrder.Raw = $$$"""{"id":{{{SeededOrder.Id}}},"baskets":[{"id":{{{holder.Id}}},"client_email":"{{{holder.ClientEmail}}}","client_phone":"{{{holder.ClientPhone}}}"}]}""";
        await SaveAsync(factory, SeededOrder);
        var tc = await factory.GetRequiredService<AccountDirectory>().GetAsync(PersonalDataFactory.TicketscloudAccount, CancellationToken.None);
        var at = new DateTimeOffset(2024, 5, 2, 9, 0, 0, TimeSpan.Zero);
        await using var db = factory.CreateDbContext();
        db.Set<TicketscloudOrderRow>().Add(new TicketscloudOrderRow
        {
            AccountId = tc.Id, Id = TcOrderId, EventId = "5c0000000000000000000001", Status = "done", StatusRank = 3,
            CreatedAt = at, Nominal = 500, Full = 500, Price = 500, TimeZone = "Europe/Moscow", Raw = "{}", ObservedAt = at, SyncedAt = at,
            CustomerName = "Анна Смирнова", CustomerEmail = TcEmail, CustomerPhone = TcPhone,
        });
        db.Set<OrderCommand>().Add(new OrderCommand
        {
            Platform = "qtickets", OrderId = SeededOrder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = OrderActionKinds.EditBasket,
            IdempotencyKey = "walk-1", RequestHash = "h1", RequestedBy = "support-desk", State = OrderCommandStates.Failed, Attempts = 1,
            Request = $$$"""{"action":"edit_basket","basket_id":1,"edit":{"client_email":"{{{CommandEmail}}}","client_name":"Пётр"},"customer":{"phone":"{{{CommandPhone}}}"}}""",
            Response = $$$$"""{"status":200,"body":{"data":{"id":1,"client_email":"{{{{ResponseEmail}}}}","client_phone":"{{{{ResponsePhone}}}}","client_surname":"Кузнецов","baskets":[{"client_email":"{{{{ResponseEmail}}}}"}]}}}""",
            Error = $"QTickets refused: client_email {ErrorEmail} is blocked",
            CreatedAt = at, UpdatedAt = at,
        });
        var delivery = new WebhookDelivery
        {
            ReceivedAt = at, EventType = "order.update", OrderId = SeededOrder.Id, Status = DeliveryStatuses.Applied,
            Body = $$$"""{"data":{"id":{{{SeededOrder.Id}}},"client_email":"{{{DeliveryEmail}}}","client_phone":"{{{DeliveryPhone}}}"}}""", BodySha256 = "walk",
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        factory.DeliveryId = delivery.Id;
    }

    [Theory]
    [InlineData(SyncApiFactory.ReadKey)]
    [InlineData(PersonalDataFactory.ActionsKey)]
    public async Task A_key_without_read_pii_finds_no_e_mail_or_phone_on_any_get_endpoint(string key)
    {
        var answers = await WalkAsync(key);

        foreach (var (url, body) in answers)
        {
            var shown = Secrets.FirstOrDefault(secret => body.Contains(secret, StringComparison.Ordinal) || body.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal));
            Assert.True(shown is null, $"{url} shows {shown}");
            Assert.False(ClearEmail.IsMatch(body), $"{url} shows an e-mail address: {ClearEmail.Match(body).Value}");
        }
        // The walk reached the data the key may see, masked rather than left out.
        var masked = key == SyncApiFactory.ReadKey ? PiiMaskOf(SeededOrder.ClientEmail!) : PiiMaskOf(ResponseEmail);
        Assert.Contains(answers, a => a.Body.Contains(masked, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_key_walking_the_same_way_finds_every_e_mail_and_phone()
    {
        var bodies = string.Join('\n', (await WalkAsync(SyncApiFactory.AdminKey)).Select(a => a.Body));

        Assert.All(Secrets, secret => Assert.Contains(secret, bodies, StringComparison.Ordinal));
    }

    private static string PiiMaskOf(string email) => $"{email[0]}***{email[email.IndexOf('@', StringComparison.Ordinal)..]}";

    private async Task<List<(string Url, string Body)>> WalkAsync(string key)
    {
        using var client = factory.CreateClient(key);
        var answers = new List<(string Url, string Body)>();
        foreach (var pattern in GetPatterns())
        {
            foreach (var query in QueryVariants)
            {
                var url = Fill(pattern) + query;
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                answers.Add((url, await response.Content.ReadAsStringAsync()));
            }
        }
        return answers;
    }

    private List<RoutePattern> GetPatterns()
    {
        var patterns = factory.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern)
            .ToList();
        Assert.Contains(patterns, p => p.RawText!.Contains("actions", StringComparison.Ordinal));
        return patterns;
    }

    /// <summary>The pattern with each parameter set to the seeded row it names.</summary>
    private string Fill(RoutePattern pattern)
    {
        var raw = pattern.RawText!;
        var id = raw switch
        {
            _ when raw.Contains("ticketscloud", StringComparison.Ordinal) => TcOrderId,
            _ when raw.Contains("deliveries", StringComparison.Ordinal) => DeliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => SeededOrder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "",
            RoutePatternParameterPart { Name: "id" } => id,
            RoutePatternParameterPart { Name: "account" } => "default",
            RoutePatternParameterPart { Name: "barcode" } => SeededOrder.Baskets[0].Barcode!,
            RoutePatternParameterPart parameter => throw new InvalidOperationException($"No value for {{{parameter.Name}}} in {raw}: teach the walk one."),
            _ => "",
        }))));
        return path;
    }
}
