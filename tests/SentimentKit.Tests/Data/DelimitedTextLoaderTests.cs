using System.IO.Compression;
using System.Text;
using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class DelimitedTextLoaderTests
{
    [Fact]
    public void LoadCsv_QuotesDoubledQuotesAndNewlines_AreParsed()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.csv");
        File.WriteAllText(path, "id,text,label\r\n1,\"Great, \"\"really\"\" great\",pos\r\n2,\"line one\nline two\",neg\r\n3,plain, 1 \r\n");

        var result = DelimitedTextLoader.LoadCsv(path);

        result.Examples.Select(e => e.Text).Should().Equal("Great, \"really\" great", "line one\nline two", "plain");
        result.Examples.Select(e => e.Label).Should().Equal("pos", "neg", "1");
        result.Examples[2].SourceId.Should().Be("line 5");
    }

    [Fact]
    public void LoadTsv_ChosenColumns_AreUsed()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.tsv");
        File.WriteAllText(path, "sentiment\treview\n1\tgood film\n0\tbad film\n\n");

        var result = DelimitedTextLoader.LoadTsv(path, new DataLoadOptions { TextColumn = "review", LabelColumn = "sentiment" });

        result.Examples.Should().Equal(new TextExample("good film", "1") { SourceId = "line 2" }, new TextExample("bad film", "0") { SourceId = "line 3" });
    }

    [Fact]
    public void LoadCsv_MissingColumn_NamesExistingColumns()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.csv");
        File.WriteAllText(path, "review,sentiment\nx,1\n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:1: column 'text' not found; the columns are: review, sentiment.");
    }

    [Fact]
    public void LoadCsv_WrongFieldCount_FailsWithLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.csv");
        File.WriteAllText(path, "text,label\ngood,pos\nbad,neg,extra\nok,pos\n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        var error = act.Should().Throw<DataFormatException>().Which;
        error.Line.Should().Be(3);
        error.Message.Should().Be($"{path}:3: expected 2 fields, found 3.");
    }

    [Fact]
    public void LoadCsv_BadRowsWithSkip_KeepsTheRestAndReports()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.csv");
        File.WriteAllText(path, "text,label\ngood,pos\nbad,neg,extra\nempty label,\nok,pos\n");

        var result = DelimitedTextLoader.LoadCsv(path, new DataLoadOptions { SkipBadRows = true, MaxReportedProblems = 1 });

        result.Examples.Select(e => e.Text).Should().Equal("good", "ok");
        result.SkippedCount.Should().Be(2);
        result.SkippedReasons.Should().Equal($"{path}:3: expected 2 fields, found 3.");
    }

    [Fact]
    public void LoadCsv_EmptyLabel_FailsWithLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.csv");
        File.WriteAllText(path, "text,label\ngood,  \n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:2: the label ('label') is empty.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData(" \n \n")]
    public void LoadCsv_EmptyFile_Throws(string content)
    {
        using var temp = new TempDirectory();
        var path = temp.File("empty.csv");
        File.WriteAllText(path, content);

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}: the file is empty.");
    }

    [Fact]
    public void LoadCsv_HeaderOnly_Throws()
    {
        using var temp = new TempDirectory();
        var path = temp.File("header.csv");
        File.WriteAllText(path, "text,label\n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage("*header but no rows*");
    }

    [Fact]
    public void LoadCsv_InvalidUtf8_FailsWithLineNeverReplaces()
    {
        using var temp = new TempDirectory();
        var path = temp.File("latin1.csv");
        File.WriteAllBytes(path, [.. "text,label\ngood,pos\ncaf"u8, 0xE9, .. ",pos\n"u8]);

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:3: invalid UTF-8*").Which.Line.Should().Be(3);
    }

    [Fact]
    public void LoadCsv_UnclosedQuote_FailsAtRecordStart()
    {
        using var temp = new TempDirectory();
        var path = temp.File("open.csv");
        File.WriteAllText(path, "text,label\ngood,pos\n\"never closed,pos\nmore,neg\n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().Which.Line.Should().Be(3);
    }

    [Fact]
    public void LoadCsv_CharacterAfterClosingQuote_Fails()
    {
        using var temp = new TempDirectory();
        var path = temp.File("odd.csv");
        File.WriteAllText(path, "text,label\n\"a\"b,pos\n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:2: unexpected character 'b'*");
    }

    [Fact]
    public void LoadCsv_GzipFile_IsDecompressed()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("text,label\nnice,pos\n"));
        }

        DelimitedTextLoader.LoadCsv(path).Examples.Should().ContainSingle().Which.Text.Should().Be("nice");
    }

    [Fact]
    public void Load_InvalidOptions_ReportsEveryProblem()
    {
        var act = () => DelimitedTextLoader.LoadCsv("x.csv", new DataLoadOptions { TextColumn = "", LabelColumn = " ", MaxReportedProblems = -1 });
        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("TextColumn").And.Contain("LabelColumn").And.Contain("MaxReportedProblems");
    }
}
