using System.IO.Compression;
using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class WordVectorsTests
{
    private static readonly Vocabulary Vocab = Vocabulary.FromCounts(
        new Dictionary<string, long> { ["good"] = 5, ["bad"] = 4, ["film"] = 3, ["zebra"] = 1 });

    [Fact]
    public void LoadAligned_GloveFile_FillsRowsOfKnownWords()
    {
        using var temp = new TempDirectory();
        var path = temp.File("vectors.txt");
        File.WriteAllText(path, "good 0.1 0.2 0.3\nbad -1 -2 -3\nunused 9 9 9\n");

        var vectors = WordVectors.LoadAligned(path, Vocab);

        vectors.Dimension.Should().Be(3);
        vectors.VocabularySize.Should().Be(Vocab.Count);
        var good = Vocab.GetId("good");
        vectors.Matrix[good, 0].Should().Be(0.1f);
        vectors.Matrix[good, 2].Should().Be(0.3f);
        vectors.Matrix[Vocab.GetId("bad"), 1].Should().Be(-2f);
        vectors.FoundCount.Should().Be(2);
        vectors.Coverage.Should().BeApproximately(2.0 / Vocab.Count, 1e-9);
    }

    [Fact]
    public void LoadAligned_PadRow_IsZeroAndUnknownRowsAreSmallAndSeeded()
    {
        using var temp = new TempDirectory();
        var path = temp.File("vectors.txt");
        File.WriteAllText(path, "good 1 1\n");

        var first = WordVectors.LoadAligned(path, Vocab, new WordVectorOptions { Seed = 7 });
        var second = WordVectors.LoadAligned(path, Vocab, new WordVectorOptions { Seed = 7 });

        first.Matrix[Vocabulary.PadId, 0].Should().Be(0f);
        first.Matrix[Vocabulary.PadId, 1].Should().Be(0f);
        var zebra = Vocab.GetId("zebra");
        first.Matrix[zebra, 0].Should().BeInRange(-0.05f, 0.05f).And.NotBe(0f);
        first.Matrix.Cast<float>().Should().Equal(second.Matrix.Cast<float>());
    }

    [Fact]
    public void LoadAligned_Word2VecHeaderAndCasedWords_UsesLowerCaseFallbackButPrefersExact()
    {
        using var temp = new TempDirectory();
        var path = temp.File("w2v.txt");
        File.WriteAllText(path, "3 2\nFilm 5 5\nfilm 1 2\nGOOD 3 4\n");

        var vectors = WordVectors.LoadAligned(path, Vocab);

        vectors.Dimension.Should().Be(2);
        vectors.Matrix[Vocab.GetId("film"), 0].Should().Be(1f);
        vectors.Matrix[Vocab.GetId("good"), 1].Should().Be(4f);
        vectors.FoundCount.Should().Be(2);
    }

    [Fact]
    public void LoadAligned_GzipFile_IsDecompressed()
    {
        using var temp = new TempDirectory();
        var path = temp.File("vectors.txt.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write("bad 0.5 0.5\n");
        }

        WordVectors.LoadAligned(path, Vocab).Matrix[Vocab.GetId("bad"), 0].Should().Be(0.5f);
    }

    [Theory]
    [InlineData("good 1 2 3\nbad 1 2\n", 2, "expected 3 numbers")]
    [InlineData("5 3\ngood 1 2\n", 2, "expected 3 numbers")]
    [InlineData("good 1 x 3\n", 1, "'x' is not a number")]
    public void LoadAligned_BadLine_ThrowsNamingFileAndLine(string content, int line, string reason)
    {
        using var temp = new TempDirectory();
        var path = temp.File("bad-vectors.txt");
        File.WriteAllText(path, content);

        var act = () => WordVectors.LoadAligned(path, Vocab);

        var error = act.Should().Throw<TextFormatException>().Which;
        error.Line.Should().Be(line);
        error.File.Should().Be(path);
        error.Message.Should().Contain($"{path}:{line}:").And.Contain(reason);
    }

    [Fact]
    public void Validate_NegativeScale_Throws()
    {
        var act = () => new WordVectorOptions { InitScale = -1 }.Validate();
        act.Should().Throw<ArgumentException>().WithMessage("*InitScale*");
    }
}
