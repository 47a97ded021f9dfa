using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Api.Alerts;
using Qtickets.Sync.Domain.Alerts;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Alerts;

/// <summary>Five QTickets accounts with alerts pointed at <paramref name="receiver"/>; every rule on at its default.</summary>
public sealed class ThreeAccountAlertFactory(Uri receiver) : SyncApiFactory
{
    public static readonly string[] AccountNames = ["north", "south", "east", "new", "forgotten"];

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings.Remove("Qtickets:Token");
            settings.Remove("Qtickets:WebhookSecrets:0");
            for (var n = 0; n < AccountNames.Length; n++)
            {
                settings[$"Accounts:{n}:Name"] = AccountNames[n];
                settings[$"Accounts:{n}:Platform"] = "qtickets";
                settings[$"Accounts:{n}:BaseUrl"] = "https://qtickets.invalid/api/rest/v1/";
                settings[$"Accounts:{n}:Token"] = $"{AccountNames[n]}-token";
                settings[$"Accounts:{n}:WebhookSecrets:0"] = $"{AccountNames[n]}-webhook-secret";
            }
            // The test evaluates by hand, so it knows when each evaluation is over.
            settings["Alerts:EvaluationInterval"] = "00:00:00";
            settings["Alerts:Targets:0:Url"] = receiver.ToString();
            return settings;
        }
    }
}

/// <summary>
/// Issue 24 item 7b: with several accounts the per-account rules judge one condition per account; each must be
/// claimed under its own rule, not paired with the rules by position.
/// </summary>
public sealed class AlertPerAccountTests : IAsyncLifetime
{
    private AlertReceiver receiver = null!;
    private ThreeAccountAlertFactory factory = null!;

    public async Task InitializeAsync()
    {
        receiver = await AlertReceiver.StartAsync();
        factory = new ThreeAccountAlertFactory(receiver.Url);
        await ((IAsyncLifetime)factory).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)factory).DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task With_five_accounts_and_all_five_rules_exactly_the_conditions_that_hold_fire_each_once_under_their_own_account_and_rule()
    {
        Assert.Equal(AlertRuleKinds.All.Order(), new AlertOptions().EffectiveRules().Select(r => r.Kind).Order());
        var now = DateTimeOffset.UtcNow;
        await using (var db = factory.CreateDbContext())
        {
            var ids = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Name, a => a.Id);
            db.SyncRuns.AddRange(
                // north: synced a minute ago; nothing to say.
                Run(ids["north"], now.AddMinutes(-2), SyncRunStatuses.Succeeded),
                // south: synced recently, but its latest run met a revoked token.
                Run(ids["south"], now.AddMinutes(-4), SyncRunStatuses.Succeeded),
                Run(ids["south"], now.AddMinutes(-2), SyncRunStatuses.Failed,
                    $"QTickets rejected the token (401). Check Accounts:1:Token; {SyncRunner.TokenRejectedNote}"),
                // east: its last successful incremental is hours old (the default limit is 30 minutes).
                Run(ids["east"], now.AddHours(-3), SyncRunStatuses.Succeeded),
                // The deployment: the latest drift check found daily sales rows differing.
                new SyncRun
                {
                    AccountId = null, Kind = SyncRunKinds.SalesDrift, Status = SyncRunStatuses.Succeeded,
                    StartedAt = now.AddMinutes(-10), FinishedAt = now.AddMinutes(-9), SalesRowsDiffering = 2,
                });
            await db.SaveChangesAsync();
            // forgotten: added three hours ago and never synced ("new", added when the host started, has not had the time).
            await db.Accounts.Where(a => a.Name == "forgotten").ExecuteUpdateAsync(a => a.SetProperty(x => x.CreatedAt, now.AddHours(-3)));
        }
        var monitor = factory.GetRequiredService<AlertMonitor>();

        var first = await monitor.RunOnceAsync(CancellationToken.None);
        var second = await monitor.RunOnceAsync(CancellationToken.None);

        (string, string)[] expected =
        [
            (AlertFacts.AllAccounts, AlertRuleKinds.SalesDrift),
            ("east", AlertRuleKinds.ReconcileStale),
            ("forgotten", AlertRuleKinds.ReconcileStale),
            ("south", AlertRuleKinds.TokenRejected),
        ];
        Assert.Equal(expected, first.Select(m => (m.Account, m.Rule)).Order());
        Assert.All(first, m => Assert.Equal(AlertMessageKinds.Fired, m.Kind));
        Assert.Empty(second);
        var received = receiver.Received
            .Select(m => (m.GetProperty("account").GetString()!, m.GetProperty("rule").GetString()!, m.GetProperty("status").GetString()))
            .Order().ToList();
        Assert.Equal(expected.Select(e => (e.Item1, e.Item2, (string?)AlertMessageKinds.Fired)), received);
        var tokenMessage = receiver.Received.Single(m => m.GetProperty("rule").GetString() == AlertRuleKinds.TokenRejected);
        Assert.Contains("Accounts:1:Token", tokenMessage.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var forgotten = receiver.Received.Single(m => m.GetProperty("account").GetString() == "forgotten");
        Assert.StartsWith("No incremental reconcile has succeeded in the 03:00:", forgotten.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static SyncRun Run(int accountId, DateTimeOffset finished, string status, string? error = null) => new()
    {
        AccountId = accountId,
        Kind = SyncRunKinds.Incremental,
        Status = status,
        StartedAt = finished.AddSeconds(-30),
        FinishedAt = finished,
        Error = error,
    };
}
