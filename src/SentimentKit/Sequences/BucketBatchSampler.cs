namespace SentimentKit.Sequences;

/// <summary>
/// Length-bucketed batching: each epoch shuffles the examples, sorts them by length inside pools
/// of <see cref="BucketBatchSamplerOptions.PoolBatches"/> batches, cuts each pool into batches of
/// similar lengths (by count, or by a budget of padded slots) and shuffles the order of all batches.
/// Batches then hold little padding while their order and make-up still vary from epoch to epoch.
/// </summary>
public sealed class BucketBatchSampler : IBatchSampler
{
    private readonly int[] _lengths;
    private readonly BucketBatchSamplerOptions _options;

    /// <summary>Initializes a sampler that cuts batches of <paramref name="batchSize"/> examples.</summary>
    /// <param name="lengths">The length of each example as a batch will hold it (after truncation).</param>
    /// <param name="batchSize">The number of examples per batch.</param>
    /// <param name="seed">The seed.</param>
    public BucketBatchSampler(IReadOnlyList<int> lengths, int batchSize, int seed)
        : this(lengths, new BucketBatchSamplerOptions { BatchSize = batchSize, Seed = seed })
    {
    }

    /// <summary>Initializes a sampler.</summary>
    /// <param name="lengths">The length of each example as a batch will hold it (after truncation).</param>
    /// <param name="options">The settings; validated and copied.</param>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> is invalid.</exception>
    /// <exception cref="ArgumentException">An example is longer than the token budget.</exception>
    public BucketBatchSampler(IReadOnlyList<int> lengths, BucketBatchSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _lengths = CopyLengths(lengths);
        if (_options.MaxTokensPerBatch is { } budget)
        {
            for (var i = 0; i < _lengths.Length; i++)
            {
                if (_lengths[i] > budget)
                {
                    throw new ArgumentException($"Example {i} has {_lengths[i]} tokens, more than MaxTokensPerBatch ({budget}); truncate the examples or raise the budget.", nameof(lengths));
                }
            }
        }
    }

    /// <inheritdoc/>
    public int ExampleCount => _lengths.Length;

    /// <inheritdoc/>
    public int Seed => _options.Seed;

    /// <summary>Gets the number of examples per batch (the most, when a token budget is set).</summary>
    public int BatchSize => _options.BatchSize;

    /// <summary>Gets the most padded slots per batch, or <see langword="null"/> when batches are cut by count.</summary>
    public int? MaxTokensPerBatch => _options.MaxTokensPerBatch;

    /// <inheritdoc/>
    public IReadOnlyList<int[]> GetBatches(int epoch)
    {
        var random = EpochRandom.Create(_options.Seed, epoch);
        var order = EpochRandom.Permutation(random, _lengths.Length);
        var poolSize = (int)Math.Min((long)_options.PoolBatches * _options.BatchSize, int.MaxValue);
        var batches = new List<int[]>();
        for (var start = 0; start < order.Length; start += poolSize)
        {
            var pool = order[start..(int)Math.Min((long)start + poolSize, order.Length)];
            var keys = new int[pool.Length];
            for (var i = 0; i < pool.Length; i++)
            {
                keys[i] = _lengths[pool[i]];
            }

            Array.Sort(keys, pool);
            CutPool(pool, batches);
        }

        var shuffled = batches.ToArray();
        EpochRandom.Shuffle(random, shuffled);
        return shuffled;
    }

    /// <inheritdoc/>
    public PaddingStatistics GetPaddingStatistics(int epoch) => PaddingStatistics.Compute(GetBatches(epoch), _lengths);

    internal static int[] CopyLengths(IReadOnlyList<int> lengths)
    {
        var copy = new int[lengths.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            if (lengths[i] < 0)
            {
                throw new ArgumentException($"Length {i} is negative ({lengths[i]}).", nameof(lengths));
            }

            // An empty example is padded as one unknown token, so it costs one slot.
            copy[i] = Math.Max(lengths[i], 1);
        }

        return copy;
    }

    // The pool is sorted by ascending length, so the example being added is the batch's longest.
    private void CutPool(int[] pool, List<int[]> batches)
    {
        var batchSize = _options.BatchSize;
        var budget = _options.MaxTokensPerBatch;
        var start = 0;
        for (var i = 0; i < pool.Length; i++)
        {
            var count = i - start + 1;
            var fits = count <= batchSize && (budget is not { } b || (long)count * _lengths[pool[i]] <= b);
            if (!fits)
            {
                batches.Add(pool[start..i]);
                start = i;
            }
        }

        if (start < pool.Length)
        {
            batches.Add(pool[start..]);
        }
    }
}
