using System.Net;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

public sealed class ReadOnlyDashboardFactory : SyncApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Dashboard:ReadOnly"] = "true";
            return settings;
        }
    }
}

public sealed class ReadOnlyDashboardTests(ReadOnlyDashboardFactory factory) : IClassFixture<ReadOnlyDashboardFactory>
{
    [Fact]
    public async Task Dashboard_read_only_takes_the_buttons_away_even_from_admins()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        var response = await admin.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("reconcile-full-sweep", html);
        Assert.DoesNotContain("Trigger now", html);
    }
}
