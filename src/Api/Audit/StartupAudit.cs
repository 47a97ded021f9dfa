using Microsoft.Extensions.Options;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Infrastructure.Accounts;
using Qtickets.Sync.Infrastructure.Audit;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.PersonalData;

namespace Qtickets.Sync.Api.Audit;

/// <summary>
/// Records, each time a host starts, the settings that decide who may do what: its role, the accounts, the API
/// keys' names and scopes (never the keys), and personal data retention — so a change of them shows in the audit log.
/// </summary>
public sealed class StartupAudit(
    AuditRecorder recorder,
    AccountDirectory accounts,
    IOptions<AuthOptions> auth,
    IOptions<JobsOptions> jobs,
    IOptions<PersonalDataOptions> personalData) : IHostedService
{
    public const string Actor = "host";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var accountList = string.Join(',', (await accounts.GetAllAsync(cancellationToken)).Select(a => $"{a.Name}:{a.Platform}"));
        var keys = string.Join(',', auth.Value.ApiKeys.Select(k => $"{k.Name}:{k.Scopes.Replace(' ', '+')}"));
        var retain = personalData.Value.RetainDays is { } days ? $"{days}d" : "off";
        await recorder.RecordAsync(Actor, AuditActions.Startup,
            $"role={jobs.Value.Role} accounts={accountList} keys={keys} retain={retain}", "started", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
