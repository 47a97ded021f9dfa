using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Commands;

/// <summary>The one QTickets account the <c>Qtickets:…</c> settings describe, called <c>default</c>.</summary>
public sealed class SingleCommandAccount(IOptions<QticketsOptions> options) : ICommandAccounts
{
    public const string Name = "default";

    public Task<CommandAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var qtickets = options.Value;
        return Task.FromResult(name == Name
            ? new CommandAccount(1, Name, OrderPlatforms.Qtickets, new Uri(qtickets.BaseUrl.EndsWith('/') ? qtickets.BaseUrl : qtickets.BaseUrl + "/"), qtickets.Token, "Europe/Moscow")
            : null);
    }
}
