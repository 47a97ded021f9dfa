using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qtickets.Sync.Tests.Accounts;

namespace Qtickets.Sync.Tests.Auth;

/// <summary>A key refused because of its account limit is told which accounts it is limited to.</summary>
public sealed class AccountLimitMessagesTests(TwoAccountReadFactory factory) : IClassFixture<TwoAccountReadFactory>
{
    [Fact]
    public async Task A_key_limited_to_one_account_is_told_its_account_when_refused_what_spans_all()
    {
        using var southAdmin = factory.CreateClient(TwoAccountReadFactory.SouthAdminKey);

        using var response = await southAdmin.PostAsync(new Uri("/api/v1/webhooks/deliveries/replay?from_id=1&to_id=2", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Needs a key for every account", problem.GetProperty("title").GetString());
        Assert.EndsWith("Key 'key-4' is limited to 'south' (Auth:ApiKeys:n:Accounts).", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
