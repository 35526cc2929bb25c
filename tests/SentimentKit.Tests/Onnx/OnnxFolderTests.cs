using System.Text.RegularExpressions;

namespace SentimentKit.Tests.Onnx;

public partial class OnnxFolderTests
{
    // The Onnx folder is to move into a core assembly without TorchSharp: it may use SentimentKit.Text, not the tensor layers.
    [SkippableFact]
    public void SourceFiles_ReferenceNeitherTorchSharpNorTheTensorLayers()
    {
        var root = RepositoryRoot();
        Skip.If(root is null, "The sources are not beside this test build.");
        var folder = Path.Combine(root!, "src", "SentimentKit", "Onnx");

        var offending =
            from file in Directory.EnumerateFiles(folder, "*.cs")
            from line in File.ReadLines(file).Select((text, index) => (Text: text, Number: index + 1))
            where !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && Forbidden().IsMatch(line.Text)
            select $"{Path.GetFileName(file)}:{line.Number}: {line.Text.Trim()}";

        Directory.EnumerateFiles(folder, "*.cs").Should().NotBeEmpty();
        offending.Should().BeEmpty();
    }

    [GeneratedRegex(@"\busing\s+(static\s+)?TorchSharp\b|\bTorchSharp\.|\btorch\.|\bSentimentKit\.(Sequences|Modeling|Training|Devices)\b")]
    private static partial Regex Forbidden();

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SentimentKit.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
