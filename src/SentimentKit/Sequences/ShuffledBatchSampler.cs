namespace SentimentKit.Sequences;

/// <summary>
/// Plain batching: shuffle all examples each epoch and cut consecutive batches of a fixed
/// size (the last one may be smaller). Kept to compare with <see cref="BucketBatchSampler"/>.
/// </summary>
internal sealed class ShuffledBatchSampler : IBatchSampler
{
    private readonly int[] _lengths;
    private readonly int _batchSize;

    /// <summary>Initializes a sampler.</summary>
    /// <param name="lengths">The length of each example as a batch will hold it; used only to measure padding.</param>
    /// <param name="batchSize">The number of examples per batch; at least 1.</param>
    /// <param name="seed">The seed.</param>
    public ShuffledBatchSampler(IReadOnlyList<int> lengths, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _lengths = BucketBatchSampler.CopyLengths(lengths);
        _batchSize = batchSize;
        Seed = seed;
    }

    /// <inheritdoc/>
    public int ExampleCount => _lengths.Length;

    /// <inheritdoc/>
    public int Seed { get; }

    /// <summary>Gets the number of examples per batch.</summary>
    public int BatchSize => _batchSize;

    /// <inheritdoc/>
    public IReadOnlyList<int[]> GetBatches(int epoch)
    {
        var order = EpochRandom.Permutation(EpochRandom.Create(Seed, epoch), _lengths.Length);
        var batches = new List<int[]>((order.Length + _batchSize - 1) / _batchSize);
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            batches.Add(order[start..Math.Min(start + _batchSize, order.Length)]);
        }

        return batches;
    }

    /// <inheritdoc/>
    public PaddingStatistics GetPaddingStatistics(int epoch) => PaddingStatistics.Compute(GetBatches(epoch), _lengths);
}
