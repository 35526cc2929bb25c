using SentimentKit.Data;

namespace SentimentKit.Benchmarks;

/// <summary>Finds and loads the IMDB archive the benchmarks run on.</summary>
internal static class ImdbData
{
    private const string ArchiveName = "aclImdb_v1.tar.gz";

    /// <summary>
    /// The archive: the given path, else $SENTIMENTKIT_IMDB, else shared/data/aclImdb_v1.tar.gz in the current
    /// folder, the binaries' folder or any folder above them (the repository's sibling ../shared/data is found so).
    /// </summary>
    public static string Locate(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("SENTIMENTKIT_IMDB");
        if (!string.IsNullOrEmpty(path))
        {
            return File.Exists(path) || Directory.Exists(path) ? path : throw new ArgumentException($"no IMDB data at '{path}'.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", ArchiveName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ArgumentException($"cannot find {ArchiveName}; pass --data PATH or set SENTIMENTKIT_IMDB.");
    }

    public static DataLoadResult Load(string path, ImdbSplit split) =>
        ImdbLoader.Load(path, new DataLoadOptions { Split = split });
}
