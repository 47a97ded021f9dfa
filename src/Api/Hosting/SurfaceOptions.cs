using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// Who may read the operational surface: <c>/metrics</c> and <c>/swagger</c>. Private by default, since both
/// tell an outsider a good deal about the service (routes, volumes, error rates).
/// </summary>
public sealed class SurfaceOptions
{
    public const string Section = "Surface";

    /// <summary>
    /// True serves <c>/metrics</c> and <c>/swagger</c> to anyone. False (the default): <c>/metrics</c> needs an
    /// admin key (or arrives on <see cref="MetricsPort"/>), and Swagger a read key except in Development.
    /// </summary>
    public bool Public { get; set; }

    /// <summary>
    /// When set, <c>/metrics</c> is served without a key but only on this port (which must be one of
    /// <c>ASPNETCORE_URLS</c>, e.g. <c>http://127.0.0.1:9464</c>), and nowhere else: keep that port private.
    /// </summary>
    public int? MetricsPort { get; set; }
}

internal sealed class SurfaceOptionsValidator : IValidateOptions<SurfaceOptions>
{
    public ValidateOptionsResult Validate(string? name, SurfaceOptions options) =>
        options.MetricsPort is < 1 or > 65535
            ? ValidateOptionsResult.Fail($"{SurfaceOptions.Section}:MetricsPort must be a port number (1-65535)")
            : ValidateOptionsResult.Success;
}
