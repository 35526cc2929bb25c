using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class DataLoadOptionsTests
{
    [Fact]
    public void Ctor_Defaults_AreTheDocumentedOnes()
    {
        var options = new DataLoadOptions();

        options.TextColumn.Should().Be("text");
        options.LabelColumn.Should().Be("label");
        options.Split.Should().Be(ImdbSplit.Train);
        options.SkipBadRows.Should().BeFalse();
        options.MaxReportedProblems.Should().Be(10);
        options.MaxTextBytes.Should().Be(16 * 1024 * 1024).And.Be(DataLoadOptions.DefaultMaxTextBytes);
        options.MaxDecompressedBytes.Should().Be(4L * 1024 * 1024 * 1024).And.Be(DataLoadOptions.DefaultMaxDecompressedBytes);
        options.TsvQuoting.Should().BeFalse();
        options.LabelSeparator.Should().BeNull();
        options.Validate();
    }

    [Fact]
    public void Validate_LimitsOutOfRange_ReportsBoth()
    {
        var options = new DataLoadOptions { MaxTextBytes = DataLoadOptions.LargestMaxTextBytes + 1, MaxDecompressedBytes = 0 };

        var act = options.Validate;

        act.Should().Throw<ArgumentException>().Which.Message.Should()
            .Contain("MaxTextBytes must be between 1 and 1073741791").And.Contain("MaxDecompressedBytes must be positive");
    }

    [Theory]
    [InlineData("", "must not be empty or white space (was '')")]
    [InlineData("  ", "must not be empty or white space (was '  ')")]
    [InlineData("\t", "must not be empty or white space (was '\\t')")]
    [InlineData("\"", "must not contain a quote or a line break")]
    [InlineData("|\n", "must not contain a quote or a line break (was '|\\n')")]
    [InlineData("\r", "must not be empty or white space")]
    public void Validate_BadLabelSeparator_NamesTheOptionOnOneLine(string separator, string reason)
    {
        var act = new DataLoadOptions { LabelSeparator = separator }.Validate;

        var error = act.Should().Throw<InvalidOptionsException>().Which;
        error.Errors.Should().ContainSingle().Which.Should().StartWith("LabelSeparator " + reason);
        error.Message.Should().NotContainAny("\r", "\n");
    }

    [Theory]
    [InlineData("|")]
    [InlineData(";")]
    [InlineData(" , ")]
    public void Validate_UsableLabelSeparator_Passes(string separator)
    {
        new DataLoadOptions { LabelSeparator = separator }.Validate();
    }

    [Fact]
    public void Clone_CopiesLabelSeparator()
    {
        new DataLoadOptions { LabelSeparator = "|" }.Clone().LabelSeparator.Should().Be("|");
    }
}
