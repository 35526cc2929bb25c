using System.Text;
using SentimentKit.Data;
using SentimentKit.Tests;

namespace SentimentKit.Scoring.Tests;

public class ShardPlannerTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // Quoted line breaks (LF, CRLF and a lone CR), doubled quotes, a quoted comma, CRLF record ends, blank lines
    // (LF and CRLF) between records and at the end, and a byte order mark.
    private static readonly string TrickyCsv =
        "\uFEFFid,text,label\r\n" +
        "1,plain text,pos\r\n" +
        "2,\"two\nlines\",neg\n" +
        "\r\n" +
        "3,\"quoted \"\"words\"\", and a comma\",pos\r\n" +
        "\n" +
        "4,\"crlf\r\ninside\",neg\r\n" +
        "5,\"lone\rcr\",pos\n" +
        "6,last one without a line break before blank lines,neg\r\n" +
        "\r\n\r\n" +
        "7,\"\",pos";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(100)]
    public void Plan_TrickyCsv_ShardsReadEveryRecordOnceInOrder(int shardSize)
    {
        using var folder = new TempDirectory();
        var path = folder.File("tricky.csv");
        File.WriteAllText(path, TrickyCsv, new UTF8Encoding(false));
        var loaded = DelimitedTextLoader.LoadCsv(path).Examples;
        var options = new ScoringJobOptions { ShardSize = shardSize, IdColumn = "id" };

        var plan = ShardPlanner.Plan([path], options, Sha);
        var records = plan.Shards.SelectMany(s => ShardRecordReader.Read(s, options)).ToList();

        plan.TextCount.Should().Be(7);
        plan.Shards.Should().HaveCount((7 + shardSize - 1) / shardSize);
        records.Select(r => r.Text).Should().Equal(loaded.Select(e => e.Text));
        records.Select(r => r.Id).Should().Equal("1", "2", "3", "4", "5", "6", "7");
        records.Select(r => r.Record).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        records.Select(r => $"{path}:{r.Line}").Should().Equal(loaded.Select(e => e.SourceId));
        plan.Shards[^1].End.Should().Be(new FileInfo(path).Length);
        plan.Shards.Zip(plan.Shards.Skip(1)).All(p => p.First.End == p.Second.Start).Should().BeTrue();
    }

    [Fact]
    public void Plan_TsvJsonLinesAndText_ShardsReadEveryRecordOnce()
    {
        using var folder = new TempDirectory();
        var tsv = folder.File("a.tsv");
        File.WriteAllText(tsv, "text\tlabel\nfirst \"quote\tpos\n\nsecond\tneg\r\nthird\tpos\n");
        var jsonl = folder.File("b.jsonl");
        File.WriteAllText(jsonl, "{\"text\":\"j1\",\"n\":7}\n\n{\"text\":\"j2\\nnewline\",\"n\":8}\r\n   \n{\"n\":9,\"text\":\"j3\"}");
        var text = folder.File("c.txt");
        File.WriteAllText(text, "\uFEFFt1\r\n\r\nt2\nt3\n\n");
        var options = new ScoringJobOptions { ShardSize = 2 };

        var plan = ShardPlanner.Plan([tsv, jsonl, text], options, Sha);
        var texts = plan.Shards.SelectMany(s => ShardRecordReader.Read(s, options)).Select(r => r.Text).ToList();

        texts.Should().Equal("first \"quote", "second", "third", "j1", "j2\nnewline", "j3", "t1", "t2", "t3");
        plan.Shards.Select(s => s.Index).Should().Equal(Enumerable.Range(0, plan.Shards.Count));
        plan.Shards.Should().OnlyContain(s => s.ModelSha256 == Sha);
    }

    [Fact]
    public void Plan_JsonLinesIdField_NamesRecords()
    {
        using var folder = new TempDirectory();
        var jsonl = folder.File("ids.jsonl");
        File.WriteAllText(jsonl, "{\"text\":\"a\",\"id\":\"x-1\"}\n{\"text\":\"b\",\"id\":42}\n");
        var options = new ScoringJobOptions { IdColumn = "id" };

        var records = ShardPlanner.Plan([jsonl], options, Sha).Shards.SelectMany(s => ShardRecordReader.Read(s, options)).ToList();

        records.Select(r => r.Id).Should().Equal("x-1", "42");
        records.Select(r => r.Line).Should().Equal(1, 2);
    }

    [Fact]
    public void Plan_MissingTextColumn_ThrowsDataFormatExceptionNamingTheColumns()
    {
        using var folder = new TempDirectory();
        var path = folder.File("no-text.csv");
        File.WriteAllText(path, "review,label\nfine,pos\n");

        var act = () => ShardPlanner.Plan([path], new ScoringJobOptions(), Sha);

        act.Should().Throw<DataFormatException>().WithMessage("*column 'text' not found*review, label*");
    }

    [Fact]
    public void Plan_MalformedRecord_ThrowsDataFormatExceptionWithItsLine()
    {
        using var folder = new TempDirectory();
        var path = folder.File("bad.jsonl");
        File.WriteAllText(path, "{\"text\":\"ok\"}\n{\"text\": nope}\n");

        var act = () => ShardPlanner.Plan([path], new ScoringJobOptions(), Sha);

        act.Should().Throw<DataFormatException>().Where(e => e.Line == 2 && e.File == path);
    }

    [Fact]
    public void Plan_GzipInput_ThrowsDataFormatExceptionSayingToDecompress()
    {
        using var folder = new TempDirectory();
        var path = folder.File("texts.txt.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write("a text\n"u8);
        }

        var act = () => ShardPlanner.Plan([path], new ScoringJobOptions(), Sha);

        act.Should().Throw<DataFormatException>().WithMessage("*gzip*decompress*");
    }

    [Fact]
    public void Plan_MissingFile_ThrowsFileNotFoundException()
    {
        var act = () => ShardPlanner.Plan(["/nonexistent/texts.txt"], new ScoringJobOptions(), Sha);

        act.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/texts.txt*");
    }

    [Fact]
    public void Read_FileChangedSincePlanning_ThrowsDataFormatException()
    {
        using var folder = new TempDirectory();
        var path = folder.File("t.txt");
        File.WriteAllText(path, "a\nb\nc\n");
        var options = new ScoringJobOptions { ShardSize = 10 };
        var shard = ShardPlanner.Plan([path], options, Sha).Shards[0];
        File.WriteAllText(path, "a\nb\n\n\n");

        var act = () => ShardRecordReader.Read(shard, options).ToList();

        act.Should().Throw<DataFormatException>().WithMessage("*changed since the job was planned*");
    }

    [Fact]
    public void Validate_BadOptions_ReportsEveryError()
    {
        var options = new ScoringJobOptions { ShardSize = 0, TextColumn = " ", MaxTextBytes = 0, MaxDegreeOfParallelism = -1 };

        var act = options.Validate;

        act.Should().Throw<InvalidOptionsException>().Which.Message.Should()
            .Contain("ShardSize").And.Contain("TextColumn").And.Contain("MaxTextBytes").And.Contain("MaxDegreeOfParallelism");
    }
}
