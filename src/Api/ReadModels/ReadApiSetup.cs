namespace Qtickets.Sync.Api.ReadModels;

public static class ReadApiSetup
{
    /// <summary>The read API's readers.</summary>
    public static IServiceCollection AddReadApi(this IServiceCollection services)
    {
        services.AddSingleton<ReadableAccounts>();
        services.AddSingleton<MirrorOrderReader>();
        services.AddSingleton<TicketscloudOrderReader>();
        services.AddSingleton<MirrorTicketReader>();
        services.AddSingleton<EventReader>();
        services.AddSingleton<SalesReader>();
        services.AddSingleton<PostgresTimeZones>();
        services.AddSingleton<AccountStatusReader>();
        services.AddSingleton<SyncStatusReader>();
        services.AddSingleton<ReadReplicaStatusReader>();
        services.AddSingleton<ChangeReader>();
        return services;
    }
}
