namespace Qtickets.Sync.Domain; public static class Placeholder {}
