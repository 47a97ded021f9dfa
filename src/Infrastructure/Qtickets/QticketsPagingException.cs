namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>Paging went wrong in a way that would otherwise loop forever (a page repeating itself).</summary>
public sealed class QticketsPagingException(string message) : Exception(message);
