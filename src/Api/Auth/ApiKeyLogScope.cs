namespace Qtickets.Sync.Api.Auth;

/// <summary>
/// Puts the name of the request's API key (<c>ApiKey</c>) on every log line written while it is served, so
/// what a key did can be read back from the logs; the key itself never appears.
/// </summary>
public static class ApiKeyLogScope
{
    public const string PropertyName = "ApiKey";

    /// <summary>Must run after authentication.</summary>
    public static WebApplication UseApiKeyLogScope(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiKeyLogScope));
        app.Use(async (context, next) =>
        {
            if (context.User.Identity is not { IsAuthenticated: true, Name: { } name })
            {
                await next(context);
                return;
            }
            using (logger.BeginScope(new Dictionary<string, object> { [PropertyName] = name }))
            {
                await next(context);
            }
        });
        return app;
    }
}
