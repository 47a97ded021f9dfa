using System.Net;
using System.Text;
using System.Text.Json;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.Accounts;

/// <summary>Order actions honour Auth:ApiKeys:n:Accounts: a key limited to one account cannot act on another's orders.</summary>
public class AccountActionLimitsTests(TwoAccountReadFactory factory) : IClassFixture<TwoAccountReadFactory>
{
    private static HttpRequestMessage Refund(string account) =>
        new(HttpMethod.Post, $"/api/v1/orders/{account}/4360/actions")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString("N") } },
            Content = new StringContent("""{"action":"refund_baskets","deduction_amount":0,"baskets":{"63993":[]}}""", Encoding.UTF8, "application/json"),
        };

    [Fact]
    public async Task A_key_limited_to_one_account_is_told_the_other_account_does_not_exist_and_nothing_is_stored()
    {
        using var southAdmin = factory.CreateClient(TwoAccountReadFactory.SouthAdminKey);
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        var hidden = await southAdmin.SendAsync(Refund("north"));
        var missing = await southAdmin.SendAsync(Refund("nowhere"));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var hiddenProblem = JsonDocument.Parse(await hidden.Content.ReadAsStringAsync());
        using var missingProblem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal(missingProblem.RootElement.GetProperty("title").GetString(), hiddenProblem.RootElement.GetProperty("title").GetString());
        Assert.Equal("No account \"north\".", hiddenProblem.RootElement.GetProperty("detail").GetString());

        await GetProblemAsync(southAdmin, "/api/v1/orders/north/4360/actions", HttpStatusCode.NotFound);
        var stored = await GetJsonAsync(admin, "/api/v1/orders/north/4360/actions");
        Assert.Equal(0, stored.GetArrayLength());
        Assert.Equal(0, (await GetJsonAsync(southAdmin, "/api/v1/orders/south/4360/actions")).GetArrayLength());
    }
}
