using SentimentKit.Sequences;
using TorchSharp;

namespace SentimentKit.Tests.Sequences;

public class SequenceMaskTests
{
    [Fact]
    public void FromLengths_WiderThanLongest_MasksTrailingSlots()
    {
        using var lengths = torch.tensor(new long[] { 2, 0, 3 });

        using var mask = SequenceMask.FromLengths(lengths, 4);

        mask.shape.Should().Equal(3, 4);
        mask.data<bool>().ToArray().Should().Equal(
            true, true, false, false,
            false, false, false, false,
            true, true, true, false);
    }

    [Fact]
    public void FromLengths_TwoDimensionalLengths_ThrowsArgumentException()
    {
        using var lengths = torch.ones(2, 2, dtype: torch.ScalarType.Int64);

        var act = () => SequenceMask.FromLengths(lengths, 2);

        act.Should().Throw<ArgumentException>();
    }
}
