using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class DatasetLoaderTests
{
    [Theory]
    [InlineData("data.csv", DataFormat.Csv)]
    [InlineData("data.CSV.gz", DataFormat.Csv)]
    [InlineData("data.tsv", DataFormat.Tsv)]
    [InlineData("data.jsonl", DataFormat.JsonLines)]
    [InlineData("data.ndjson.gz", DataFormat.JsonLines)]
    [InlineData("aclImdb_v1.tar.gz", DataFormat.Imdb)]
    [InlineData("sample.tgz", DataFormat.Imdb)]
    public void DetectFormat_KnownExtensions_AreRecognized(string name, DataFormat expected)
    {
        DatasetLoader.DetectFormat(name).Should().Be(expected);
    }

    [Fact]
    public void DetectFormat_Folder_IsImdb()
    {
        using var temp = new TempDirectory();
        DatasetLoader.DetectFormat(temp.Path).Should().Be(DataFormat.Imdb);
    }

    [Fact]
    public void Load_Auto_DispatchesByExtension()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("a.csv");
        File.WriteAllText(csv, "text,label\nx,1\n");
        var jsonl = temp.File("a.jsonl");
        File.WriteAllText(jsonl, "{\"text\":\"y\",\"label\":2}\n");
        var archive = temp.File("a.tar.gz");
        File.WriteAllBytes(archive, ImdbFixture.BuildArchive());

        DatasetLoader.Load(csv).Examples.Single().Text.Should().Be("x");
        DatasetLoader.Load(jsonl).Examples.Single().Label.Should().Be("2");
        DatasetLoader.Load(archive, DataFormat.Auto, new DataLoadOptions { Split = ImdbSplit.Test }).Examples.Should().HaveCount(2);
    }

    // Item 6: a folder given with a one-file format is bad input, not a crash.
    [Theory]
    [InlineData(DataFormat.Csv, "CSV")]
    [InlineData(DataFormat.Tsv, "TSV")]
    [InlineData(DataFormat.JsonLines, "JSON Lines")]
    public void Load_FolderWithOneFileFormat_ThrowsIsAFolder(DataFormat format, string name)
    {
        using var temp = new TempDirectory();

        var act = () => DatasetLoader.Load(temp.Path, format);

        act.Should().Throw<DataFormatException>().WithMessage($"'{temp.Path}' is a folder; {name} data is one file (only the IMDB layout is read from a folder).");
    }

    [Fact]
    public void DetectFormat_UnknownExtension_ThrowsDataFormatExceptionWithoutParameterName()
    {
        var act = () => DatasetLoader.DetectFormat("/dev/zero");
        act.Should().Throw<DataFormatException>().Which.Message.Should().Be("/dev/zero: cannot tell its format from its name; choose imdb, csv, tsv or jsonl.");
    }
}
