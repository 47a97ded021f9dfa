using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Foundation;

/// <summary>Starts the real service process with one bad setting, as an operator would.</summary>
public class ConfigurationValidationTests
{
    [Theory]
    [InlineData("ConnectionStrings__Postgres", "", "ConnectionStrings:Postgres is not set")]
    [InlineData("Sales__TimeZone", "Mars/Olympus", "Sales:TimeZone")]
    [InlineData("Jobs__Role", "everything", "Jobs:Role")]
    [InlineData("Auth__ApiKeys__0__Scopes", "write", "Auth:ApiKeys:0:Scopes")]
    [InlineData("Auth__ApiKeys__0__Key", "short", "Auth:ApiKeys:0:Key")]
    // A key limited to an account the settings do not list (a typo) would see nothing, or everything if ignored.
    [InlineData("Auth__ApiKeys__0__Accounts", "defualt", "Auth:ApiKeys:0:Accounts names 'defualt'")]
    [InlineData("Qtickets__Token", "", "Qtickets:Token")]
    [InlineData("PersonalData__HashKey", "short", "PersonalData:HashKey must be a secret of at least 32 characters")]
    [InlineData("PersonalData__RetainDays", "0", "PersonalData:RetainDays must be at least 1 day")]
    [InlineData("Qtickets__PageSize", "500", "Qtickets:PageSize")]
    [InlineData("Reconcile__InitialHorizonHours", "-1", "Reconcile:InitialHorizonHours")]
    [InlineData("Ticketscloud__InitialHorizonDays", "-1", "Ticketscloud:InitialHorizonDays")]
    [InlineData("Webhooks__MaxBodyBytes", "10", "Webhooks:MaxBodyBytes")]
    [InlineData("Webhooks__SweepInterval", "00:00:00", "Webhooks:SweepInterval")]
    [InlineData("Webhooks__ApplyMaxYield", "00:05:00", "Webhooks:ApplyMaxYield")]
    [InlineData("Webhooks__ApplyYieldBacklog", "1000", "Webhooks:ApplyYieldBacklog")]
    // No webhook secret and no explicit opt-in to unsigned webhooks: refused, naming the opt-in.
    [InlineData("Qtickets__WebhookSecrets__0", null, "Webhooks:AllowUnsigned")]
    [InlineData("Qtickets__BaseUrl", "http://qtickets.example/api/rest/v1/", "must be https unless it points at a loopback address")]
    [InlineData("Auth__ApiKeys__0__Name", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", "Auth:ApiKeys:0:Name may have at most 200")]
    public Task A_wrong_setting_stops_the_start_with_one_line_naming_it(string variable, string? value, string named) =>
        StartsWithOneLineNamingAsync(new Dictionary<string, string?> { [variable] = value }, named);

    [Fact]
    public Task Two_keys_with_one_name_stop_the_start_naming_the_second() =>
        // The second key's default name (key-1) is what the first one was given: the audit trail could not tell them apart.
        StartsWithOneLineNamingAsync(new Dictionary<string, string?>
        {
            ["Auth__ApiKeys__0__Name"] = "key-1",
            ["Auth__ApiKeys__1__Key"] = SyncApiFactory.ReadKey,
        }, "Auth:ApiKeys:1:Name 'key-1' is already the name of Auth:ApiKeys:0");

    private static async Task StartsWithOneLineNamingAsync(Dictionary<string, string?> changes, string named)
    {
        var exit = await ServiceProcess.RunToExitAsync(environment =>
        {
            foreach (var (variable, value) in changes)
            {
                if (value is null)
                {
                    environment.Remove(variable);
                }
                else
                {
                    environment[variable] = value;
                }
            }
        });

        Assert.Equal(2, exit.ExitCode);
        var line = Assert.Single(exit.ErrorLines);
        Assert.StartsWith("Configuration error:", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }
}
