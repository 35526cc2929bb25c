namespace SentimentKit.Sequences;

/// <summary>Settings of a <see cref="BucketBatchSampler"/>.</summary>
public sealed class BucketBatchSamplerOptions
{
    /// <summary>
    /// The number of examples per batch; with <see cref="MaxTokensPerBatch"/> set, the most examples
    /// per batch. It also sizes the sorting pools (<see cref="PoolBatches"/> × this).
    /// </summary>
    /// <value>The default value is 64.</value>
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// The most padded slots per batch (batch size × longest length in the batch), or
    /// <see langword="null"/> to cut batches by count only. Every example must fit alone.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxTokensPerBatch { get; set; }

    /// <summary>
    /// How many batches' worth of examples are sorted by length together. Larger pools pad less;
    /// smaller pools keep more randomness in which examples meet in a batch.
    /// </summary>
    /// <value>The default value is 50.</value>
    public int PoolBatches { get; set; } = 50;

    /// <summary>The seed that, with the epoch number, determines the batches.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; }

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.AtLeast(nameof(BatchSize), BatchSize, 1);
        errors.AtLeastWhenSet(nameof(MaxTokensPerBatch), MaxTokensPerBatch, 1);
        errors.AtLeast(nameof(PoolBatches), PoolBatches, 1);
        errors.ThrowIfAny(nameof(BucketBatchSamplerOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public BucketBatchSamplerOptions Clone() => (BucketBatchSamplerOptions)MemberwiseClone();
}
