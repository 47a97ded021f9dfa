namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// A query value the endpoint takes as text, to validate it itself and name the field in a 400, declared in
/// the OpenAPI document as the type it must parse to (so generated clients pass a <c>long</c>, a
/// <c>DateTimeOffset</c>, a <c>bool</c>…).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DeclaredAsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
