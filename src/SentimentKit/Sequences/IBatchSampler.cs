namespace SentimentKit.Sequences;

/// <summary>
/// Splits the examples of a dataset into index batches, one list per epoch. The batches of an
/// epoch depend only on <see cref="Seed"/> and the epoch number, so a run that stopped in epoch
/// <c>k</c> regenerates the same batches of epoch <c>k</c> when it resumes.
/// </summary>
public interface IBatchSampler
{
    /// <summary>Gets the number of examples; each appears in exactly one batch per epoch.</summary>
    int ExampleCount { get; }

    /// <summary>Gets the seed that, with the epoch number, determines the batches.</summary>
    int Seed { get; }

    /// <summary>Gets the batches of an epoch.</summary>
    /// <param name="epoch">The epoch number, from 0.</param>
    /// <returns>The batches of example indices, in the order to train on them.</returns>
    IReadOnlyList<int[]> GetBatches(int epoch);

    /// <summary>Measures how much of the batches of an epoch is padding.</summary>
    /// <param name="epoch">The epoch number, from 0.</param>
    /// <returns>The padding statistics of that epoch's batches.</returns>
    PaddingStatistics GetPaddingStatistics(int epoch);
}
