namespace Qtickets.Sync.Tests.Support;

/// <summary>Files checked in next to the code (docs the tests hold the service to).</summary>
public static class RepositoryFiles
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Qtickets.Sync.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Qtickets.Sync.sln not found above the test output directory.");
    }

    /// <param name="relativePath">From the repository root, with forward slashes.</param>
    public static string PathOf(string relativePath) => Path.Combine(Root(), relativePath);
}
