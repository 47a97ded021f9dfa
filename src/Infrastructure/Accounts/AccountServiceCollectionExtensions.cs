using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.Accounts;

public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// The account settings (validated on start) and the <see cref="AccountDirectory"/>. Needs
    /// <c>AddSyncDatabase</c> and the platforms (their <see cref="IPlatformAccountDefaults"/> feed the accounts,
    /// QTickets' the account the single-account settings describe). <see cref="AccountRegistration"/> is started in the host's
    /// list of hosted services.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AccountsOptions>().Configure(o => AccountsOptions.Read(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccountDirectory>();
        return services;
    }
}
