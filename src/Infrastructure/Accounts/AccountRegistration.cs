using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Accounts;

/// <summary>
/// Registers the configured accounts when the host starts (after the migrations), so every account has its id
/// before the first webhook or job needs it. Should the database not answer yet, the first use registers them.
/// </summary>
public sealed partial class AccountRegistration(AccountDirectory directory, ILogger<AccountRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await directory.GetAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogDeferred(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accounts could not be registered at start; the first webhook or job registers them")]
    private partial void LogDeferred(Exception exception);
}
