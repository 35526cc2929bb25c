using SentimentKit.Sequences;

namespace SentimentKit.Tests.Sequences;

public class ShuffledBatchSamplerTests
{
    [Fact]
    public void GetBatches_AnyEpoch_CoversEveryIndexExactlyOnceInFixedSizeBatches()
    {
        var sampler = new ShuffledBatchSampler(Enumerable.Repeat(3, 130).ToArray(), 64, 9);

        var batches = sampler.GetBatches(2);

        batches.Select(b => b.Length).Should().Equal(64, 64, 2);
        batches.SelectMany(b => b).Order().Should().Equal(Enumerable.Range(0, 130));
    }

    [Fact]
    public void GetBatches_SameSeedAndEpoch_AreIdentical()
    {
        var lengths = Enumerable.Range(1, 100).ToArray();

        new ShuffledBatchSampler(lengths, 8, 5).GetBatches(3)
            .Should().BeEquivalentTo(new ShuffledBatchSampler(lengths, 8, 5).GetBatches(3), o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetBatches_DifferentEpochs_Differ()
    {
        var sampler = new ShuffledBatchSampler(Enumerable.Range(1, 100).ToArray(), 8, 5);

        sampler.GetBatches(1).Should().NotBeEquivalentTo(sampler.GetBatches(0), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Constructor_ZeroBatchSize_ThrowsArgumentOutOfRangeException()
    {
        var act = () => new ShuffledBatchSampler([1, 2], 0, 0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
