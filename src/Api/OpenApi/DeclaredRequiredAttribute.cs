namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// A header or query value the endpoint cannot do without, declared <c>required</c> in the OpenAPI document. The
/// parameter stays nullable so that the endpoint, not the binder, refuses it when missing, with a message saying
/// what to send; documents only, like <see cref="ClosedSetAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DeclaredRequiredAttribute : Attribute;
