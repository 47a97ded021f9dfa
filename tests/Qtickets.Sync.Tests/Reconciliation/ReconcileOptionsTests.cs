using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.Endpoints;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Tests.Reconciliation;

public sealed class ReconcileOptionsTests
{
    private static ReconcileOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddReconciliation(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ReconcileOptions>>().Value;
    }

    [Fact]
    public void Defaults_follow_the_issue()
    {
        var options = Bind([]);

        Assert.Equal(("*/5 * * * *", "0 3 * * *", "0 * * * *"), (options.IncrementalCron, options.FullSweepCron, options.CatalogCron));
        Assert.Equal((TimeSpan.FromMinutes(10), 0, 365, 200), (options.Overlap, options.InitialHorizonHours, options.FullSweepHorizonDays, options.PageSize));
    }

    [Fact]
    public void The_field_reports_since_hours_variable_is_the_fallback_for_the_initial_horizon()
    {
        Assert.Equal(48, Bind(new() { ["QTICKETS_SINCE_HOURS"] = "48" }).InitialHorizonHours);
        Assert.Equal(12, Bind(new() { ["QTICKETS_SINCE_HOURS"] = "48", ["Reconcile:InitialHorizonHours"] = "12" }).InitialHorizonHours);
    }

    [Theory]
    [InlineData("Reconcile:IncrementalCron", "every five minutes")]
    [InlineData("Reconcile:Overlap", "-00:01:00")]
    [InlineData("Reconcile:FullSweepHorizonDays", "0")]
    [InlineData("Reconcile:InitialHorizonHours", "-1")]
    [InlineData("Reconcile:TimeZone", "Mars/Olympus")]
    public void A_wrong_setting_is_named(string setting, string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new() { [setting] = value }));

        Assert.Contains(setting, failure.Message);
    }

    [Fact]
    public void Dashboard_credentials_come_in_pairs()
    {
        var result = new DashboardAccessOptionsValidator().Validate(null, new DashboardAccessOptions { Username = "operator" });

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:Username and Dashboard:Password", result.FailureMessage);
    }
}
