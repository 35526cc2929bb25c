using SentimentKit.Text;

namespace SentimentKit.Data;

/// <summary>
/// Counts per label and token-length percentiles of a dataset. Percentiles use the nearest-rank method:
/// the p-th percentile is the smallest length that at least p% of the examples do not exceed.
/// </summary>
public sealed class DatasetStatistics
{
    private DatasetStatistics(int count, LabelSet? labels, IReadOnlyDictionary<string, int> countPerLabel, int[] sortedLengths, MultiLabelStatistics? multiLabel = null)
    {
        Count = count;
        MultiLabel = multiLabel;
        Labels = labels;
        CountPerLabel = countPerLabel;
        TokenLengthP50 = Percentile(sortedLengths, 50);
        TokenLengthP90 = Percentile(sortedLengths, 90);
        TokenLengthP95 = Percentile(sortedLengths, 95);
        TokenLengthP99 = Percentile(sortedLengths, 99);
        TokenLengthMax = sortedLengths.Length == 0 ? 0 : sortedLengths[^1];
        TokenLengthMean = sortedLengths.Length == 0 ? 0 : sortedLengths.Average();
        TokenCount = sortedLengths.Sum(l => (long)l);
    }

    /// <summary>Gets the number of examples.</summary>
    public int Count { get; }

    /// <summary>Gets the label set of the examples (for multi-label examples, every label of their sets); <see langword="null"/> when there are none.</summary>
    public LabelSet? Labels { get; }

    /// <summary>Gets the number of examples of each label (for multi-label examples, the number whose set holds it).</summary>
    public IReadOnlyDictionary<string, int> CountPerLabel { get; }

    /// <summary>Gets the label-set statistics when the examples are multi-label; <see langword="null"/> for single-label examples.</summary>
    public MultiLabelStatistics? MultiLabel { get; }

    /// <summary>Gets the median number of tokens per example.</summary>
    public int TokenLengthP50 { get; }

    /// <summary>Gets the 90th percentile of tokens per example.</summary>
    public int TokenLengthP90 { get; }

    /// <summary>Gets the 95th percentile of tokens per example.</summary>
    public int TokenLengthP95 { get; }

    /// <summary>Gets the 99th percentile of tokens per example.</summary>
    public int TokenLengthP99 { get; }

    /// <summary>Gets the largest number of tokens of an example.</summary>
    public int TokenLengthMax { get; }

    /// <summary>Gets the mean number of tokens per example.</summary>
    public double TokenLengthMean { get; }

    /// <summary>Gets the number of tokens of all examples together.</summary>
    public long TokenCount { get; }

    /// <summary>Computes the statistics of a dataset, normalizing and tokenizing each text.</summary>
    /// <param name="examples">The examples.</param>
    /// <param name="tokenizer">The tokenizer; <see langword="null"/> for <see cref="WordTokenizer"/>.</param>
    /// <param name="normalizer">The normalizer; <see langword="null"/> for <see cref="TextNormalizer.Default"/>.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentException">Some examples are multi-label and others not.</exception>
    public static DatasetStatistics Compute(IReadOnlyList<TextExample> examples, ITokenizer? tokenizer = null, TextNormalizer? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        tokenizer ??= WordTokenizer.Instance;
        normalizer ??= TextNormalizer.Default;
        var lengths = new int[examples.Count];
        Parallel.For(0, examples.Count, i => lengths[i] = tokenizer.CountTokens(normalizer.Normalize(examples[i].Text)));
        Array.Sort(lengths);
        if (examples.Any(e => e.IsMultiLabel))
        {
            var multiLabel = MultiLabelStatistics.Compute(examples);
            var labelSet = multiLabel.Labels.Count == 0 ? null : LabelSet.FromLabels(multiLabel.Labels);
            return new DatasetStatistics(examples.Count, labelSet, multiLabel.CountPerLabel, lengths, multiLabel);
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            counts[example.Label] = counts.GetValueOrDefault(example.Label) + 1;
        }

        var labels = counts.Count == 0 ? null : LabelSet.FromLabels(counts.Keys);
        return new DatasetStatistics(examples.Count, labels, counts, lengths);
    }

    /// <summary>Statistics from token lengths alone (tests, and callers who counted already).</summary>
    internal static DatasetStatistics FromLengths(IEnumerable<int> lengths, IReadOnlyDictionary<string, int> countPerLabel)
    {
        var sorted = lengths.ToArray();
        Array.Sort(sorted);
        var labels = countPerLabel.Count == 0 ? null : LabelSet.FromLabels(countPerLabel.Keys);
        return new DatasetStatistics(sorted.Length, labels, countPerLabel, sorted);
    }

    private static int Percentile(int[] sorted, int percent)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
