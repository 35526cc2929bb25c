namespace SentimentKit.Sequences;

/// <summary>How much of the padded batches of an epoch is real tokens.</summary>
/// <param name="RealTokens">The number of real tokens over all batches.</param>
/// <param name="PaddedSlots">The number of slots over all batches: each batch's size × its longest length.</param>
public readonly record struct PaddingStatistics(long RealTokens, long PaddedSlots)
{
    /// <summary>Gets the share of slots that hold real tokens, in (0, 1]; 1 when there are no slots.</summary>
    public double Efficiency => PaddedSlots == 0 ? 1.0 : (double)RealTokens / PaddedSlots;

    /// <summary>Measures batches of examples with the given lengths.</summary>
    /// <param name="batches">The index batches.</param>
    /// <param name="lengths">The length of each example as a batch holds it (after truncation).</param>
    /// <returns>The statistics.</returns>
    public static PaddingStatistics Compute(IEnumerable<int[]> batches, IReadOnlyList<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(lengths);
        long real = 0;
        long slots = 0;
        foreach (var batch in batches)
        {
            var longest = 0;
            foreach (var index in batch)
            {
                var length = lengths[index];
                real += length;
                longest = Math.Max(longest, length);
            }

            slots += (long)longest * batch.Length;
        }

        return new PaddingStatistics(real, slots);
    }
}
