using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Infrastructure.PersonalData;

public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>Erasure, masking of erased people's data on arrival, and <c>PersonalData:*</c>.</summary>
    public static IServiceCollection AddPersonalData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PersonalDataOptions>()
            .Bind(configuration.GetSection(PersonalDataOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PersonalIdentifiers>();
        services.AddSingleton<ErasedPeople>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<PersonalDataRetention>();
        services.AddSingleton<Audit.AuditRecorder>();
        return services;
    }
}
