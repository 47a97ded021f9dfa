using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Domain.Alerts;

namespace Qtickets.Sync.Tests.Alerts;

public sealed class AlertOptionsTests
{
    private static IEnumerable<string> Errors(AlertOptions options) =>
        new AlertOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Without_settings_every_rule_is_on_with_its_default()
    {
        var rules = new AlertOptions().EffectiveRules();
        Assert.Equal(AlertRuleKinds.All, rules.Select(r => r.Kind));
        Assert.Equal(TimeSpan.FromMinutes(5), rules.Single(r => r.Kind == AlertRuleKinds.WebhookLag).MaxAge);
        Assert.Equal(TimeSpan.FromMinutes(30), rules.Single(r => r.Kind == AlertRuleKinds.ReconcileStale).MaxAge);
        Assert.Empty(Errors(new AlertOptions()));
    }

    [Fact]
    public void A_configured_rule_replaces_the_default_of_its_kind_and_can_switch_it_off()
    {
        var options = new AlertOptions
        {
            Rules =
            [
                new() { Kind = AlertRuleKinds.WebhookLag, MaxAge = TimeSpan.FromMinutes(15) },
                new() { Kind = AlertRuleKinds.SalesDrift, Enabled = false },
            ],
        };
        var rules = options.EffectiveRules();
        Assert.Equal(TimeSpan.FromMinutes(15), rules.Single(r => r.Kind == AlertRuleKinds.WebhookLag).MaxAge);
        Assert.DoesNotContain(rules, r => r.Kind == AlertRuleKinds.SalesDrift);
    }

    [Fact]
    public void Bad_settings_are_named()
    {
        var errors = Errors(new AlertOptions
        {
            Rules = [new() { Kind = "lag" }, new() { Kind = AlertRuleKinds.ReconcileStale }],
            Targets = [new() { Url = new Uri("/relative", UriKind.Relative) }, new() { Url = new Uri("http://127.0.0.1/"), Format = AlertTargetOptions.Telegram }],
        }).ToList();
        Assert.Contains(errors, e => e.StartsWith("Alerts:Rules:0:Kind", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Rules:1:MaxAge", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Targets:0:Url", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Targets:1:ChatId", StringComparison.Ordinal));
    }
}
