namespace Qtickets.Sync.Tests.Support;

/// <summary>The checkout the tests run from, for tests that hold checked-in files (docs) against the program.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Qtickets.Sync.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Qtickets.Sync.sln not found above the test output directory.");
    }
}
