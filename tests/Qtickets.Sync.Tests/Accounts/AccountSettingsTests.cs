using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Accounts;

public sealed class AccountSettingsTests
{
    private static readonly Dictionary<string, string?> North = new()
    {
        ["Accounts:0:Name"] = "north",
        ["Accounts:0:Token"] = "north-token",
        ["Accounts:0:WebhookSecrets:0"] = "north-secret",
    };

    [Theory]
    [InlineData("Accounts:0:Name", "North Side", "Accounts:0:Name 'North Side' must be a slug of a-z, 0-9 and '-'")]
    [InlineData("Accounts:0:Name", "", "Accounts:0:Name is required")]
    [InlineData("Accounts:0:Platform", "eventbrite", "Accounts:0:Platform 'eventbrite' is not one of qtickets, ticketscloud")]
    [InlineData("Accounts:0:Token", "", "Accounts:0:Token is required")]
    [InlineData("Accounts:0:RequestsPerSecond", "fast", "Accounts:0:RequestsPerSecond must be 0 (unlimited) or a positive whole number, got 'fast'")]
    [InlineData("Accounts:0:Enabled", "maybe", "Accounts:0:Enabled must be true or false, got 'maybe'")]
    [InlineData("Accounts:0:BaseUrl", "http://qtickets.example/api/", "Accounts:0:BaseUrl must be https unless it points at a loopback address")]
    [InlineData("Accounts:0:WebhookSecrets:0", null, "Accounts:0:WebhookSecrets is empty")]
    public void A_wrong_account_setting_stops_the_start_and_names_the_setting(string key, string? value, string message)
    {
        var settings = new Dictionary<string, string?>(North);
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        var failure = Assert.Throws<OptionsValidationException>(() => Options(settings));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_of_every_account_is_named_at_once_and_names_clash_with_the_single_account_settings()
    {
        var settings = new Dictionary<string, string?>(North)
        {
            ["Qtickets:Token"] = "legacy-token",
            ["Qtickets:WebhookSecrets:0"] = "legacy-secret",
            ["Accounts:1:Name"] = "north",
            ["Accounts:1:Token"] = "x",
            ["Accounts:1:WebhookSecrets:0"] = "y",
            ["Accounts:2:Name"] = "default",
            ["Accounts:2:Platform"] = "ticketscloud",
            ["Accounts:2:Token"] = "z",
        };

        var failure = Assert.Throws<OptionsValidationException>(() => Options(settings));

        Assert.Equal(2, failure.Failures.Count());
        Assert.Contains("Accounts:1:Name 'north' is already used by Accounts:0:Name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Accounts:2:Name 'default' is already used by the Qtickets:… settings", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_single_account_settings_need_a_webhook_secret_unless_unsigned_webhooks_are_allowed()
    {
        var settings = new Dictionary<string, string?> { ["Qtickets:Token"] = "single-token" };

        var failure = Assert.Throws<OptionsValidationException>(() => Options(settings));
        Assert.Contains("Qtickets:WebhookSecrets is empty", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:AllowUnsigned=true", failure.Message, StringComparison.Ordinal);

        settings["Webhooks:AllowUnsigned"] = "true";
        Assert.True(Options(settings).UsesQticketsSettings);

        settings["Qtickets:WebhookSecrets:0"] = "";
        failure = Assert.Throws<OptionsValidationException>(() => Options(settings));
        Assert.Contains("Qtickets:WebhookSecrets must not contain empty secrets", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listed_accounts_need_no_single_account_token_and_a_ticketscloud_account_needs_no_webhook_secret()
    {
        var settings = new Dictionary<string, string?>(North)
        {
            ["Accounts:1:Name"] = "tc-north",
            ["Accounts:1:Platform"] = "ticketscloud",
            ["Accounts:1:Token"] = "tc-token",
        };

        var accounts = Options(settings);

        Assert.False(accounts.UsesQticketsSettings);
        Assert.Equal(["north", "tc-north"], accounts.Entries.Select(e => e.Name));
        using var host = BuildHost(settings);
        Assert.False(host.Services.GetRequiredService<IOptions<QticketsOptions>>().Value.TokenRequired);
    }

    private static AccountsOptions Options(Dictionary<string, string?> settings)
    {
        using var host = BuildHost(settings);
        return host.Services.GetRequiredService<IOptions<AccountsOptions>>().Value;
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddQticketsClient(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        return builder.Build();
    }
}
