using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Qtickets.Sync.Infrastructure.Qtickets;

public static class QticketsServiceCollectionExtensions
{
    public static IServiceCollection AddQticketsClient(this IServiceCollection services, IConfiguration configuration) => services;
}
