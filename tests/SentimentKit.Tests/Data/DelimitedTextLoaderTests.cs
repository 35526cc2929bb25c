using System.IO.Compression;
using System.Runtime.Versioning;
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
        result.Examples[2].SourceId.Should().Be($"{path}:5");
    }

    [Fact]
    public void LoadTsv_ChosenColumns_AreUsed()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.tsv");
        File.WriteAllText(path, "sentiment\treview\n1\tgood film\n0\tbad film\n\n");

        var result = DelimitedTextLoader.LoadTsv(path, new DataLoadOptions { TextColumn = "review", LabelColumn = "sentiment" });

        result.Examples.Should().Equal(new TextExample("good film", "1") { SourceId = $"{path}:2" }, new TextExample("bad film", "0") { SourceId = $"{path}:3" });
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

    // Item 16: TSV has no quoting (IANA text/tab-separated-values).
    [Fact]
    public void LoadTsv_TextsBeginningEndingAndFullOfQuotes_AreKeptVerbatim()
    {
        using var temp = new TempDirectory();
        var path = temp.File("imdb.tsv");
        string[] texts = ["\"Masks\" is a moving film", "ends with a \"quote\"", "\"\"\"", "\"", "say \"\"hi\"\" twice", "\"open but never closed"];
        File.WriteAllText(path, "text\tlabel\n" + string.Concat(texts.Select((t, i) => $"{t}\t{(i % 2 == 0 ? "pos" : "neg")}\n")));

        var result = DelimitedTextLoader.LoadTsv(path);

        result.Examples.Select(e => e.Text).Should().Equal(texts);
        result.Examples.Select(e => e.Label).Should().Equal("pos", "neg", "pos", "neg", "pos", "neg");
    }

    [Fact]
    public void LoadTsv_TsvQuoting_ReadsQuotedFieldsWithTabsAndLineBreaks()
    {
        using var temp = new TempDirectory();
        var path = temp.File("quoted.tsv");
        File.WriteAllText(path, "text\tlabel\n\"a\tb\nc \"\"d\"\"\"\tpos\nplain\tneg\n");

        var result = DelimitedTextLoader.LoadTsv(path, new DataLoadOptions { TsvQuoting = true });

        result.Examples.Select(e => e.Text).Should().Equal("a\tb\nc \"d\"", "plain");
        result.Examples[1].SourceId.Should().Be($"{path}:4");
    }

    // Item 3: limits instead of crashes on huge or endless input.
    [Fact]
    public void LoadCsv_FieldOverMaxTextBytes_ThrowsNamingLineLimitAndOption()
    {
        using var temp = new TempDirectory();
        var path = temp.File("long.csv");
        File.WriteAllText(path, "text,label\nshort,pos\n" + new string('a', 101) + ",neg\n");

        var act = () => DelimitedTextLoader.LoadCsv(path, new DataLoadOptions { MaxTextBytes = 100 });

        act.Should().Throw<DataFormatException>().WithMessage(
            $"{path}:3: a field is longer than 100 bytes, the MaxTextBytes limit; raise MaxTextBytes to load it.");
    }

    [Fact]
    public void LoadCsv_FieldAtMaxTextBytes_Loads()
    {
        using var temp = new TempDirectory();
        var path = temp.File("long.csv");
        File.WriteAllText(path, "text,label\n\"" + new string('a', 100) + "\",neg\n");

        var result = DelimitedTextLoader.LoadCsv(path, new DataLoadOptions { MaxTextBytes = 100 });

        result.Examples.Should().ContainSingle().Which.Text.Should().HaveLength(100);
    }

    [Fact]
    public void LoadCsv_HeaderThatNeverEnds_ThrowsInsteadOfFillingMemory()
    {
        using var temp = new TempDirectory();
        var path = temp.File("commas.csv");
        File.WriteAllText(path, "text,label" + new string(',', 5000));

        var act = () => DelimitedTextLoader.LoadCsv(path, new DataLoadOptions { MaxTextBytes = 1000 });

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:1: the header row is longer than 1000 bytes*");
    }

    [Fact]
    public void LoadCsv_GzipOverMaxDecompressedBytes_ThrowsNamingLimitAndOption()
    {
        using var temp = new TempDirectory();
        var path = temp.File("bomb.csv.gz");
        File.WriteAllBytes(path, GzipFixture.Compress("text,label\n" + string.Concat(Enumerable.Repeat("good film,pos\n", 1000))));

        var act = () => DelimitedTextLoader.LoadCsv(path, new DataLoadOptions { MaxDecompressedBytes = 5000 });

        act.Should().Throw<DataFormatException>().WithMessage(
            $"{path}: the gzip data decompresses to more than 5000 bytes, the MaxDecompressedBytes limit; raise MaxDecompressedBytes to load it.");
    }

    [SkippableFact]
    public void LoadCsv_DevZero_ThrowsBinaryDataInsteadOfReadingForever()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");

        var act = () => DelimitedTextLoader.LoadCsv("/dev/zero");

        act.Should().Throw<DataFormatException>().WithMessage("/dev/zero: the file holds zero (NUL) bytes: it looks like binary data, not UTF-8 text.");
    }

    // Item 4: a huge field costs about three times its bytes (its bytes once, its UTF-16 string), not ten.
    [Fact]
    public void LoadCsv_FourMebibyteField_AllocatesUnderFourTimesItsBytes()
    {
        using var temp = new TempDirectory();
        var path = temp.File("huge.csv");
        const int size = 4 << 20;
        using (var writer = new StreamWriter(path))
        {
            writer.Write("label,text\npos,\"");
            writer.Write(new string('w', size));
            writer.Write("\"\n");
        }

        var options = new DataLoadOptions();
        DelimitedTextLoader.LoadCsv(path, options); // warm-up: first-call allocations are not the loader's
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = DelimitedTextLoader.LoadCsv(path, options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        result.Examples.Single().Text.Should().HaveLength(size);
        allocated.Should().BeLessThan(4L * size);
    }

    // Item 6: IO failures are one-line data errors.
    [Fact]
    public void LoadCsv_MissingFile_ThrowsFileNotFoundWithOneLine()
    {
        var act = () => DelimitedTextLoader.LoadCsv("/nonexistent/reviews.csv");
        act.Should().Throw<FileNotFoundException>().WithMessage("'/nonexistent/reviews.csv' does not exist.");
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void LoadCsv_UnreadableFile_ThrowsCannotBeRead()
    {
        using var temp = new TempDirectory();
        var path = temp.File("secret.csv");
        File.WriteAllText(path, "text,label\nx,pos\n");
        File.SetUnixFileMode(path, UnixFileMode.None);
        Skip.If(CanOpen(path), "this user reads files whatever their mode (root)");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}: cannot be read: permission denied.");
    }

    // Item 11: UTF-16 and control characters.
    [Theory]
    [InlineData(false, false, "UTF-16LE")]
    [InlineData(true, false, "UTF-16BE")]
    [InlineData(false, true, "UTF-16LE")]
    public void LoadCsv_Utf16_ThrowsSayingSoAndHowToConvert(bool bigEndian, bool byteOrderMark, string encoding)
    {
        using var temp = new TempDirectory();
        var path = temp.File("utf16.csv");
        File.WriteAllText(path, "text,label\ngood film,pos\n", new UnicodeEncoding(bigEndian, byteOrderMark));

        var act = () => DelimitedTextLoader.LoadCsv(path);

        act.Should().Throw<DataFormatException>().WithMessage(
            $"{path}: the file looks like {encoding} text, not UTF-8; convert it first, for example with: iconv -f {encoding} -t UTF-8 INPUT > OUTPUT");
    }

    [Fact]
    public void LoadCsv_ControlCharactersInHeader_AreEscapedInTheMessage()
    {
        using var temp = new TempDirectory();
        var path = temp.File("escape.csv");
        File.WriteAllText(path, "te\u001B[31mxt,la\u0000bel\nx,pos\n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        var message = act.Should().Throw<DataFormatException>().Which.Message;
        message.Should().Be($"{path}:1: column 'text' not found; the columns are: te\\u001B[31mxt, la\\u0000bel.");
        message.Should().NotContain("\u001B").And.NotContain("\0");
    }

    [Fact]
    public void LoadCsv_LabelsRepeated_ShareOneStringPerLabel()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels.csv");
        File.WriteAllText(path, "text,label\na,pos\nb, pos\nc,neg\n");

        var examples = DelimitedTextLoader.LoadCsv(path).Examples;

        ReferenceEquals(examples[0].Label, examples[1].Label).Should().BeTrue();
    }

    private static bool CanOpen(string path)
    {
        try
        {
            File.OpenRead(path).Dispose();
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public void LoadCsv_LabelSeparator_SplitsTrimsAndDropsEmptyParts()
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.csv");
        File.WriteAllText(path, "text,label\none,sports| politics\ntwo,\nthree,\"|economy||economy \"\nfour,sports\n");

        var result = DelimitedTextLoader.LoadCsv(path, new DataLoadOptions { LabelSeparator = "|" });

        result.Examples.Select(e => e.Labels).Should().BeEquivalentTo(
            new[] { new[] { "sports", "politics" }, [], ["economy"], ["sports"] }, o => o.WithStrictOrdering());
        result.Examples.Should().OnlyContain(e => e.IsMultiLabel);
        result.Examples[0].Label.Should().Be("sports|politics");
        result.Examples[1].SourceId.Should().Be($"{path}:3");
        result.Labels.Names.Should().Equal("economy", "politics", "sports");
    }

    [Fact]
    public void LoadTsv_MultiCharacterSeparator_Splits()
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.tsv");
        File.WriteAllText(path, "label\ttext\na :: b\tone\n");

        var result = DelimitedTextLoader.LoadTsv(path, new DataLoadOptions { LabelSeparator = "::" });

        result.Examples.Should().ContainSingle().Which.Labels.Should().Equal("a", "b");
    }

    [Theory]
    [InlineData(',', ",")]
    [InlineData(',', "a,b")]
    [InlineData(';', ";")]
    public void Load_SeparatorHoldsTheDelimiter_ThrowsInvalidOptionsNamingTheOption(char delimiter, string separator)
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.txt");
        File.WriteAllText(path, "text,label\none,a\n");

        var act = () => DelimitedTextLoader.Load(path, delimiter, new DataLoadOptions { LabelSeparator = separator });

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith($"LabelSeparator must not contain the field delimiter '{delimiter}' of the file");
    }

    [Theory]
    [InlineData("sports|politics", '|')]
    [InlineData("sports; politics", ';')]
    [InlineData("\"politics,sports\"", ',')]
    public void LoadCsv_SingleLabelValuesLookLikeSets_FailsNamingLineValueAndSeparator(string combined, char separator)
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.csv");
        File.WriteAllText(path, $"text,label\none,sports\ntwo,economy\nthree,{combined}\nfour,{combined}\n");

        var act = () => DelimitedTextLoader.LoadCsv(path);

        var error = act.Should().Throw<DataFormatException>().Which;
        error.Line.Should().Be(4);
        error.Message.Should().StartWith($"{path}:4: the label '{combined.Trim('"')}' looks like a set of labels ('sports' is also a label on its own)")
            .And.Contain($"--label-separator '{separator}'").And.Contain("DataLoadOptions.LabelSeparator");
    }

    [Fact]
    public void LoadCsv_SeparatorCharactersWithoutStandaloneParts_LoadsAsSingleLabel()
    {
        using var temp = new TempDirectory();
        var path = temp.File("ratings.csv");
        File.WriteAllText(path, "text,label\none,good|bad\ntwo,\"so, so\"\nthree,neutral\n");

        var result = DelimitedTextLoader.LoadCsv(path);

        result.Examples.Select(e => e.Label).Should().Equal("good|bad", "so, so", "neutral");
        result.Examples.Should().OnlyContain(e => !e.IsMultiLabel);
    }
}
