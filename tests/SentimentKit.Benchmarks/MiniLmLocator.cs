namespace SentimentKit.Benchmarks;

/// <summary>Finds all-MiniLM-L6-v2's files, which <c>./build.sh minilm</c> puts into artifacts/minilm.</summary>
internal static class MiniLmLocator
{
    /// <summary>A file of artifacts/minilm: the given path, else $SENTIMENTKIT_MINILM_DIR, else artifacts/minilm above the current or the binaries' folder.</summary>
    public static string Locate(string? path, string fileName)
    {
        if (!string.IsNullOrEmpty(path))
        {
            return File.Exists(path) ? path : throw new ArgumentException($"no file at '{path}'.");
        }

        if (Environment.GetEnvironmentVariable("SENTIMENTKIT_MINILM_DIR") is { Length: > 0 } dir
            && File.Exists(Path.Combine(dir, fileName)))
        {
            return Path.Combine(dir, fileName);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "artifacts", "minilm", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ArgumentException($"cannot find {fileName}; run ./build.sh minilm, or pass its path.");
    }
}
