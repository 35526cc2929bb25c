using SentimentKit.Sequences;

namespace SentimentKit.Tests.Sequences;

public class BucketBatchSamplerTests
{
    // Heavy-tailed like review lengths: most short, a few very long.
    private static int[] SkewedLengths(int count, int seed)
    {
        var random = new Random(seed);
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            lengths[i] = 1 + (int)Math.Exp(random.NextDouble() * 6);
        }

        return lengths;
    }

    [Theory]
    [InlineData(64, null)]
    [InlineData(7, null)]
    [InlineData(512, 2000)]
    public void GetBatches_AnyEpoch_CoversEveryIndexExactlyOnce(int batchSize, int? maxTokens)
    {
        var lengths = SkewedLengths(1000, 1);
        var sampler = new BucketBatchSampler(lengths, new BucketBatchSamplerOptions { BatchSize = batchSize, MaxTokensPerBatch = maxTokens, PoolBatches = 5, Seed = 3 });

        for (var epoch = 0; epoch < 3; epoch++)
        {
            sampler.GetBatches(epoch).SelectMany(b => b).Order().Should().Equal(Enumerable.Range(0, 1000));
        }
    }

    [Fact]
    public void GetBatches_ByCount_NoBatchExceedsBatchSize()
    {
        var sampler = new BucketBatchSampler(SkewedLengths(1000, 1), 64, 0);

        var batches = sampler.GetBatches(0);

        batches.Should().OnlyContain(b => b.Length >= 1 && b.Length <= 64);
        batches.Count(b => b.Length < 64).Should().Be(1);
    }

    [Fact]
    public void GetBatches_SameSeedAndEpoch_AreIdentical()
    {
        var lengths = SkewedLengths(500, 2);
        var first = new BucketBatchSampler(lengths, 16, 42).GetBatches(5);
        var second = new BucketBatchSampler(lengths, 16, 42).GetBatches(5);

        second.Should().BeEquivalentTo(first, o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetBatches_DifferentSeeds_Differ()
    {
        var lengths = SkewedLengths(500, 2);
        var first = new BucketBatchSampler(lengths, 16, 1).GetBatches(0);
        var second = new BucketBatchSampler(lengths, 16, 2).GetBatches(0);

        second.Should().NotBeEquivalentTo(first, o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetBatches_DifferentEpochs_Differ()
    {
        var sampler = new BucketBatchSampler(SkewedLengths(500, 2), 16, 1);

        sampler.GetBatches(1).Should().NotBeEquivalentTo(sampler.GetBatches(0), o => o.WithStrictOrdering());
    }

    [Fact]
    public void GetBatches_TokenBudget_EveryBatchWithinBudget()
    {
        var lengths = SkewedLengths(2000, 3);
        var sampler = new BucketBatchSampler(lengths, new BucketBatchSamplerOptions { BatchSize = 1000, MaxTokensPerBatch = 3000 });

        var batches = sampler.GetBatches(0);

        batches.Should().OnlyContain(b => (long)b.Length * b.Max(i => lengths[i]) <= 3000);
    }

    [Fact]
    public void Constructor_ExampleLongerThanBudget_ThrowsArgumentException()
    {
        var act = () => new BucketBatchSampler([5, 50], new BucketBatchSamplerOptions { MaxTokensPerBatch = 40 });

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void GetPaddingStatistics_SkewedLengths_BeatsPlainShuffle()
    {
        var lengths = SkewedLengths(5000, 4);
        var bucketed = new BucketBatchSampler(lengths, 64, 0).GetPaddingStatistics(0);
        var shuffled = new ShuffledBatchSampler(lengths, 64, 0).GetPaddingStatistics(0);

        bucketed.RealTokens.Should().Be(shuffled.RealTokens);
        bucketed.Efficiency.Should().BeGreaterThan(0.9);
        shuffled.Efficiency.Should().BeLessThan(0.5);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryError()
    {
        var act = () => new BucketBatchSampler([1], new BucketBatchSamplerOptions { BatchSize = 0, MaxTokensPerBatch = 0, PoolBatches = 0 });

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(3);
    }
}
