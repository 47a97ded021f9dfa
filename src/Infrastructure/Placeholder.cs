namespace Qtickets.Sync.Infrastructure; public static class Placeholder2 {}
