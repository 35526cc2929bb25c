namespace SentimentKit.Tests;

/// <summary>
/// all-MiniLM-L6-v2's model.onnx and vocab.txt, which <c>./build.sh minilm</c> puts into artifacts/minilm (never
/// committed; <see cref="MiniLmFolder"/> says where they are looked for). Tests that need them skip, saying how to get
/// them, where they are absent.
/// </summary>
internal static class MiniLmFiles
{
    public const string SkipReason = MiniLmFolder.HowToGet + ".";

    private static readonly Lazy<string?> Folder = new(MiniLmFolder.Find);

    public static string? ModelPath => Folder.Value is { } d ? Path.Combine(d, MiniLmFolder.ModelFileName) : null;

    public static string? VocabularyPath => Folder.Value is { } d ? Path.Combine(d, MiniLmFolder.VocabularyFileName) : null;
}
