using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class JsonLinesLoaderTests
{
    [Fact]
    public void Load_StringNumberAndBooleanLabels_AreNames()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.jsonl");
        File.WriteAllText(path, "{\"text\":\"good\",\"label\":\"pos\"}\n\n{\"text\":\"bad\",\"label\":0}\r\n{\"label\":true,\"text\":\"ok\",\"extra\":1}");

        var result = JsonLinesLoader.Load(path);

        result.Examples.Select(e => (e.Text, e.Label)).Should().Equal(("good", "pos"), ("bad", "0"), ("ok", "true"));
        result.Examples[1].SourceId.Should().Be($"{path}:3");
    }

    [Fact]
    public void Load_ChosenFields_AreUsed()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.jsonl");
        File.WriteAllText(path, "{\"review\":\"good\",\"sentiment\":\"positive\"}\n");

        var result = JsonLinesLoader.Load(path, new DataLoadOptions { TextColumn = "review", LabelColumn = "sentiment" });

        result.Examples.Should().ContainSingle().Which.Label.Should().Be("positive");
    }

    [Fact]
    public void Load_MissingField_NamesLineAndFields()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.jsonl");
        File.WriteAllText(path, "{\"text\":\"good\",\"label\":\"pos\"}\n{\"body\":\"x\",\"label\":\"neg\"}\n");

        var act = () => JsonLinesLoader.Load(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:2: field 'text' not found; the fields are: body, label.");
    }

    [Fact]
    public void Load_BadLinesWithSkip_KeepsTheRest()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.jsonl");
        File.WriteAllBytes(path, [.. "{\"text\":\"good\",\"label\":\"pos\"}\n{not json}\n{\"text\":\"x\",\"label\":\"\"}\n{\"text\":\"caf"u8, 0xE9, .. "\",\"label\":\"pos\"}\n[1]\n{\"text\":\"ok\",\"label\":\"neg\"}\n"u8]);

        var result = JsonLinesLoader.Load(path, new DataLoadOptions { SkipBadRows = true });

        result.Examples.Select(e => e.Text).Should().Equal("good", "ok");
        result.SkippedCount.Should().Be(4);
        result.SkippedReasons.Should().HaveCount(4);
        result.SkippedReasons[0].Should().StartWith($"{path}:2: invalid JSON");
        result.SkippedReasons[1].Should().StartWith($"{path}:3: the label");
        result.SkippedReasons[2].Should().Be($"{path}:4: invalid UTF-8 (the data must be UTF-8 encoded).");
        result.SkippedReasons[3].Should().StartWith($"{path}:5: expected a JSON object");
    }

    [Fact]
    public void Load_InvalidJson_FailsWithOneLineMessage()
    {
        using var temp = new TempDirectory();
        var path = temp.File("reviews.jsonl");
        File.WriteAllText(path, "{\"text\":\"good\",\"label\":\"pos\"}\n{\"text\": \n");

        var act = () => JsonLinesLoader.Load(path);

        var error = act.Should().Throw<DataFormatException>().Which;
        error.Line.Should().Be(2);
        error.Message.Should().StartWith($"{path}:2: invalid JSON").And.NotContain("\n");
    }

    [Fact]
    public void Load_EmptyFile_Throws()
    {
        using var temp = new TempDirectory();
        var path = temp.File("empty.jsonl");
        File.WriteAllText(path, "\n\n");

        var act = () => JsonLinesLoader.Load(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}: the file is empty.");
    }

    // Item 11: a number is a label's name in one spelling.
    [Fact]
    public void Load_OneNumberInSeveralSpellings_IsOneClass()
    {
        using var temp = new TempDirectory();
        var path = temp.File("numbers.jsonl");
        string[] labels = ["1", "1.0", "1e0", "10E-1", "\"1\"", "2.50", "0.25", "-0", "0.0", "-3.0", "12345678901234567890", "1e400"];
        File.WriteAllLines(path, labels.Select((l, i) => $"{{\"text\":\"t{i}\",\"label\":{l}}}"));

        var result = JsonLinesLoader.Load(path);

        result.Examples.Select(e => e.Label).Should().Equal("1", "1", "1", "1", "1", "2.5", "0.25", "0", "0", "-3", "12345678901234567890", "1e400");
        result.Labels.Names.Should().Equal("-3", "0", "0.25", "1", "2.5", "12345678901234567890", "1e400");
    }

    [Theory]
    [InlineData(false, "UTF-16LE")]
    [InlineData(true, "UTF-16BE")]
    public void Load_Utf16WithoutByteOrderMark_ThrowsSayingSoAndHowToConvert(bool bigEndian, string encoding)
    {
        using var temp = new TempDirectory();
        var path = temp.File("utf16.jsonl");
        File.WriteAllText(path, "{\"text\":\"good\",\"label\":\"pos\"}\n", new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: false));

        var act = () => JsonLinesLoader.Load(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}: the file looks like {encoding} text, not UTF-8; convert it first, for example with: iconv -f {encoding} -t UTF-8 INPUT > OUTPUT");
    }

    // Item 3: a line that never ends is a limit, not a crash.
    [Fact]
    public void Load_LineOverMaxTextBytes_ThrowsNamingLineLimitAndOption()
    {
        using var temp = new TempDirectory();
        var path = temp.File("long.jsonl");
        File.WriteAllText(path, "{\"text\":\"ok\",\"label\":1}\n{\"text\":\"" + new string('a', 200) + "\",\"label\":1}\n");

        var act = () => JsonLinesLoader.Load(path, new DataLoadOptions { MaxTextBytes = 100 });

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:2: the line is longer than 100 bytes, the MaxTextBytes limit; raise MaxTextBytes to load it.");
    }

    [Fact]
    public void Load_LineOverOneMebibyte_IsParsed()
    {
        using var temp = new TempDirectory();
        var path = temp.File("long.jsonl");
        var text = new string('\u00E9', 1 << 20);
        File.WriteAllText(path, $"{{\"text\":\"{text}\",\"label\":\"pos\"}}\n");

        JsonLinesLoader.Load(path).Examples.Should().ContainSingle().Which.Text.Should().Be(text);
    }

    [Fact]
    public void Load_Folder_ThrowsIsAFolder()
    {
        using var temp = new TempDirectory();
        var act = () => JsonLinesLoader.Load(temp.Path);
        act.Should().Throw<DataFormatException>().WithMessage($"'{temp.Path}' is a folder; JSON Lines data is one file*");
    }

    [Fact]
    public void Load_ArrayLabels_AreMultiLabelWithoutASeparator()
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.jsonl");
        File.WriteAllText(path, "{\"text\":\"one\",\"label\":[\"sports\",\" politics \",\"sports\"]}\n{\"text\":\"two\",\"label\":[]}\n");

        var result = JsonLinesLoader.Load(path);

        result.Examples[0].Labels.Should().Equal("sports", "politics");
        result.Examples[1].Labels.Should().BeEmpty();
        result.Examples[1].SourceId.Should().Be($"{path}:2");
    }

    [Fact]
    public void Load_SeparatorWithArraysStringsAndNumbers_AllMultiLabel()
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.jsonl");
        File.WriteAllText(path, "{\"text\":\"a\",\"label\":[\"x\"]}\n{\"text\":\"b\",\"label\":\"x | y|\"}\n{\"text\":\"c\",\"label\":\"\"}\n{\"text\":\"d\",\"label\":1.0}\n");

        var result = JsonLinesLoader.Load(path, new DataLoadOptions { LabelSeparator = "|" });

        result.Examples.Select(e => e.Labels).Should().BeEquivalentTo(new[] { new[] { "x" }, ["x", "y"], [], ["1"] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_ArraysAndStringsWithoutSeparator_FailsNamingTheLineEvenWhenSkipping(bool skip)
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.jsonl");
        File.WriteAllText(path, "{\"text\":\"a\",\"label\":[\"x\"]}\n{\"text\":\"b\",\"label\":[]}\n{\"text\":\"c\",\"label\":\"x\"}\n");

        var act = () => JsonLinesLoader.Load(path, new DataLoadOptions { SkipBadRows = skip });

        act.Should().Throw<DataFormatException>()
            .WithMessage($"{path}:3: the label ('label') is a single value, but on line 1 it is an array of labels;*--label-separator*");
    }

    [Fact]
    public void Load_NonStringArrayElement_FailsNamingLineOrIsSkipped()
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.jsonl");
        File.WriteAllText(path, "{\"text\":\"a\",\"label\":[\"x\"]}\n{\"text\":\"b\",\"label\":[\"x\",2]}\n{\"text\":\"c\",\"label\":[\" \"]}\n");

        var act = () => JsonLinesLoader.Load(path);
        var skipped = JsonLinesLoader.Load(path, new DataLoadOptions { SkipBadRows = true });

        act.Should().Throw<DataFormatException>().WithMessage($"{path}:2: the label array ('label') holds a Number at position 1;*");
        skipped.Examples.Should().ContainSingle().Which.Labels.Should().Equal("x");
        skipped.SkippedReasons.Should().Equal(
            $"{path}:2: the label array ('label') holds a Number at position 1; its elements must be label names (non-empty strings).",
            $"{path}:3: the label array ('label') holds an empty string at position 0; its elements must be label names (non-empty strings).");
    }

    [Fact]
    public void Load_StringLabelsLookLikeSets_FailsNamingTheFirstLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("topics.jsonl");
        File.WriteAllText(path, "{\"text\":\"a\",\"label\":\"b;a\"}\n{\"text\":\"b\",\"label\":\"a\"}\n{\"text\":\"c\",\"label\":\"a;b\"}\n");

        var act = () => JsonLinesLoader.Load(path);

        act.Should().Throw<DataFormatException>()
            .WithMessage($"{path}:1: the label 'b;a' looks like a set of labels ('a' is also a label on its own)*--label-separator ';'*");
    }
}
