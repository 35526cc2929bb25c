using SentimentKit.Sequences;
using TorchSharp;

namespace SentimentKit.Tests.Sequences;

public class SequencePadderTests
{
    private static readonly int[] Ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Truncate_Head_KeepsFirstTokens()
    {
        SequencePadder.Truncate(Ten, 4, TruncationStrategy.Head).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void Truncate_Tail_KeepsLastTokens()
    {
        SequencePadder.Truncate(Ten, 4, TruncationStrategy.Tail).Should().Equal(7, 8, 9, 10);
    }

    [Fact]
    public void Truncate_HeadAndTail_KeepsQuarterHeadAndRestTail()
    {
        SequencePadder.Truncate(Ten, 8, TruncationStrategy.HeadAndTail).Should().Equal(1, 2, 5, 6, 7, 8, 9, 10);
    }

    [Fact]
    public void Truncate_ShortSequence_ReturnsItUnchanged()
    {
        SequencePadder.Truncate(Ten, 10, TruncationStrategy.HeadAndTail).Should().BeSameAs(Ten);
    }

    [Fact]
    public void Prepare_EmptySequence_BecomesSingleUnk()
    {
        new SequencePadder().Prepare([]).Should().Equal(1);
    }

    [Fact]
    public void GetPaddedLength_LongAndEmpty_ClampsToLimitAndOne()
    {
        var padder = new SequencePadder(new PaddingOptions { MaxTokens = 5 });

        padder.GetPaddedLength(0).Should().Be(1);
        padder.GetPaddedLength(3).Should().Be(3);
        padder.GetPaddedLength(50).Should().Be(5);
    }

    [Fact]
    public void Pad_VariableLengths_PadsWithZeroAndReportsLengths()
    {
        var padder = new SequencePadder();

        using var batch = padder.Pad([[5, 6, 7], [8], []], [1, 0, 1]);

        batch.Ids.shape.Should().Equal(3, 3);
        batch.Ids.dtype.Should().Be(torch.ScalarType.Int64);
        batch.Ids.data<long>().ToArray().Should().Equal(5, 6, 7, 8, 0, 0, 1, 0, 0);
        batch.Lengths.data<long>().ToArray().Should().Equal(3, 1, 1);
        batch.Lengths.device_type.Should().Be(DeviceType.CPU);
        batch.Labels!.data<long>().ToArray().Should().Equal(1, 0, 1);
        batch.Count.Should().Be(3);
        batch.MaxLength.Should().Be(3);
        batch.TokenCount.Should().Be(5);
    }

    [Fact]
    public void Pad_MaxTokens_TruncatesEverySequence()
    {
        var padder = new SequencePadder(new PaddingOptions { MaxTokens = 4, Truncation = TruncationStrategy.Tail });

        using var batch = padder.Pad([Ten, [3]]);

        batch.MaxLength.Should().Be(4);
        batch.Ids.data<long>().ToArray().Should().Equal(7, 8, 9, 10, 3, 0, 0, 0);
    }

    [Fact]
    public void Pad_WrongLabelCount_ThrowsArgumentException()
    {
        var act = () => new SequencePadder().Pad([[2], [3]], [1]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryError()
    {
        var act = () => new SequencePadder(new PaddingOptions { PadId = -1, UnkId = -2, MaxTokens = 0 });

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(3);
    }
}
