using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Qtickets;

public sealed class QticketsOptionsTests
{
    [Theory]
    [InlineData("Qtickets:PageSize", "0", "Qtickets:PageSize must be between 1 and 200")]
    [InlineData("Qtickets:PageSize", "201", "Qtickets:PageSize must be between 1 and 200")]
    [InlineData("Qtickets:Token", "", "Qtickets:Token is required")]
    [InlineData("Qtickets:BaseUrl", "qtickets.ru/api", "Qtickets:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Qtickets:RequestsPerSecond", "-1", "Qtickets:RequestsPerSecond must be 0 (unlimited) or more")]
    [InlineData("Qtickets:MaxRetries", "-1", "Qtickets:MaxRetries must be between 0 and 20")]
    [InlineData("Qtickets:AttemptTimeout", "00:00:00", "Qtickets:AttemptTimeout must be between 10 ms and 24 h")]
    [InlineData("Qtickets:TotalTimeout", "00:00:05", "Qtickets:TotalTimeout must not be shorter than Qtickets:AttemptTimeout")]
    [InlineData("Qtickets:RetryBaseDelay", "00:00:00", "Qtickets:RetryBaseDelay must be positive")]
    public async Task A_wrong_setting_stops_the_start_and_names_the_setting(string key, string value, string message)
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Qtickets:Token"] = "token", [key] = value });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_only_a_token_starts_with_the_documented_defaults()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Qtickets:Token"] = "token" });

        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<QticketsOptions>>().Value;
        Assert.Equal("https://qtickets.ru/api/rest/v1/", options.BaseUrl);
        Assert.Null(options.Organization);
        Assert.Equal(200, options.PageSize);
        Assert.Equal(5, options.RequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), options.TotalTimeout);
        Assert.Equal(6, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryBaseDelay);
        Assert.False(options.VerifyByFetch);
        await host.StopAsync();
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddQticketsClient(builder.Configuration);
        return builder.Build();
    }
}
