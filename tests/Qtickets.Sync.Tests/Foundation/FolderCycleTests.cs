using System.Text.RegularExpressions;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Foundation;

/// <summary>
/// The folders of a project (namespace <c>Qtickets.Sync.&lt;Project&gt;.&lt;Folder&gt;</c>) depend on each other one
/// way only: a folder that needs another's code while that one needs it back is one idea split in two places,
/// and neither can be read, moved or tested alone. Dependencies are read from the <c>namespace</c> and
/// <c>using Qtickets.Sync.…</c> lines of every source file (migrations excluded).
/// </summary>
public partial class FolderCycleTests
{
    /// <summary>The projects whose folders are held to this.</summary>
    private static readonly string[] CheckedProjects = ["Api", "Domain"];

    [Fact]
    public void The_folders_of_the_checked_projects_form_no_cycle()
    {
        var src = RepositoryFiles.PathOf("src");
        var sources = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(src, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or "Migrations"))
            .Select(path => (path, File.ReadAllText(Path.Combine(src, path))));

        var cycles = FolderGraph.Of(sources, CheckedProjects).Cycles();

        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Two_folders_using_each_other_are_reported_with_the_files_that_do()
    {
        (string, string)[] sources =
        [
            ("Api/Endpoints/Orders.cs", "using Qtickets.Sync.Api.ReadModels;\nnamespace Qtickets.Sync.Api.Endpoints;\n"),
            ("Api/ReadModels/Setup.cs", "using Qtickets.Sync.Api.Endpoints.Parts;\nnamespace Qtickets.Sync.Api.ReadModels;\n"),
            ("Api/Hosting/Swagger.cs", "using Qtickets.Sync.Api.Endpoints;\nnamespace Qtickets.Sync.Api.Hosting;\n"),
            ("Infrastructure/Jobs/A.cs", "using Qtickets.Sync.Infrastructure.Webhooks;\nnamespace Qtickets.Sync.Infrastructure.Jobs;\n"),
            ("Infrastructure/Webhooks/B.cs", "using Qtickets.Sync.Infrastructure.Jobs;\nnamespace Qtickets.Sync.Infrastructure.Webhooks;\n"),
        ];

        var cycle = Assert.Single(FolderGraph.Of(sources, CheckedProjects).Cycles());

        Assert.Equal(
            "Qtickets.Sync.Api.Endpoints -> Qtickets.Sync.Api.ReadModels (Api/Endpoints/Orders.cs)\n" +
            "  Qtickets.Sync.Api.ReadModels -> Qtickets.Sync.Api.Endpoints (Api/ReadModels/Setup.cs)",
            cycle);
    }

    /// <summary>Folder → folder it uses → the files that use it.</summary>
    private sealed partial class FolderGraph(SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> edges)
    {
        /// <summary>Namespaces cut to <c>Qtickets.Sync.&lt;Project&gt;.&lt;Folder&gt;</c>, in <paramref name="projects"/> only.</summary>
        public static FolderGraph Of(IEnumerable<(string Path, string Text)> sources, IReadOnlyCollection<string> projects)
        {
            var edges = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
            foreach (var (path, text) in sources)
            {
                if (NamespaceLine().Match(text) is not { Success: true } declared || Folder(declared.Groups[1].Value, projects) is not { } from)
                {
                    continue;
                }
                foreach (Match used in UsingLine().Matches(text))
                {
                    // A folder's sub-namespaces are the folder; a root namespace (Qtickets.Sync.Api) above its folders is not one.
                    if (Folder(used.Groups[1].Value, projects) is { } to && to != from && !from.StartsWith(to + ".", StringComparison.Ordinal))
                    {
                        edges.TryAdd(from, new(StringComparer.Ordinal));
                        edges[from].TryAdd(to, new(StringComparer.Ordinal));
                        edges[from][to].Add(path);
                    }
                }
            }
            return new FolderGraph(edges);
        }

        /// <summary>Each group of folders that reach each other, as its edges and the files causing them.</summary>
        public IReadOnlyList<string> Cycles() =>
            [.. StronglyConnected().Select(group => string.Join("\n  ",
                from a in @group
                from b in @group
                where edges.TryGetValue(a, out var used) && used.ContainsKey(b)
                select $"{a} -> {b} ({string.Join(", ", edges[a][b])})"))];

        /// <summary>Tarjan's strongly connected components with more than one folder.</summary>
        private List<List<string>> StronglyConnected()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var groups = new List<List<string>>();
            void Visit(string v)
            {
                index[v] = low[v] = index.Count;
                stack.Push(v);
                foreach (var w in edges.TryGetValue(v, out var used) ? used.Keys : Enumerable.Empty<string>())
                {
                    if (!index.ContainsKey(w))
                    {
                        Visit(w);
                        low[v] = Math.Min(low[v], low[w]);
                    }
                    else if (stack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }
                }
                if (low[v] == index[v])
                {
                    var group = new List<string>();
                    string w;
                    do
                    {
                        w = stack.Pop();
                        group.Add(w);
                    }
                    while (w != v);
                    if (group.Count > 1)
                    {
                        groups.Add([.. group.Order(StringComparer.Ordinal)]);
                    }
                }
            }
            foreach (var v in edges.Keys.Where(v => !index.ContainsKey(v)).ToList())
            {
                Visit(v);
            }
            return groups;
        }

        private static string? Folder(string ns, IReadOnlyCollection<string> projects)
        {
            var parts = ns.Split('.');
            return parts.Length >= 3 && parts[0] == "Qtickets" && parts[1] == "Sync" && projects.Contains(parts[2])
                ? string.Join('.', parts.Take(4))
                : null;
        }

        [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
        private static partial Regex NamespaceLine();

        [GeneratedRegex(@"^using\s+(?:static\s+)?(Qtickets\.Sync\.[\w.]+)\s*;", RegexOptions.Multiline)]
        private static partial Regex UsingLine();
    }
}
