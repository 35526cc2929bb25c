namespace SentimentKit.Benchmarks;

/// <summary>Finds all-MiniLM-L6-v2's files, which <c>./build.sh minilm</c> puts into artifacts/minilm.</summary>
internal static class MiniLmLocator
{
    /// <summary>A file of artifacts/minilm: the given path, else where <see cref="MiniLmFolder"/> finds it.</summary>
    public static string Locate(string? path, string fileName)
    {
        if (!string.IsNullOrEmpty(path))
        {
            return File.Exists(path) ? path : throw new ArgumentException($"no file at '{path}'.");
        }

        return MiniLmFolder.Find() is { } folder
            ? Path.Combine(folder, fileName)
            : throw new ArgumentException($"cannot find {fileName}: {MiniLmFolder.HowToGet}; or pass its path.");
    }
}
