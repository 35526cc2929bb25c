namespace SentimentKit.Data;

/// <summary>
/// What the label sets of multi-label examples look like: how many labels an example has (cardinality, density, the
/// distribution of set sizes, texts with none), how often each label occurs and which labels occur together.
/// </summary>
/// <remarks>
/// Cardinality and density are the measures of Tsoumakas &amp; Katakis (2007): the mean size of a label set, and that
/// mean divided by the number of distinct labels.
/// </remarks>
public sealed class MultiLabelStatistics
{
    /// <summary>The most pairs <see cref="TopPairs"/> lists.</summary>
    public const int MaxTopPairs = 10;

    private MultiLabelStatistics(
        int count,
        IReadOnlyList<string> labels,
        double cardinality,
        int emptyCount,
        IReadOnlyDictionary<string, int> countPerLabel,
        IReadOnlyDictionary<int, int> labelSetSizeCounts,
        IReadOnlyList<LabelPairCount> topPairs)
    {
        Count = count;
        Labels = labels;
        Cardinality = cardinality;
        Density = labels.Count == 0 ? 0 : cardinality / labels.Count;
        EmptyCount = emptyCount;
        CountPerLabel = countPerLabel;
        LabelSetSizeCounts = labelSetSizeCounts;
        TopPairs = topPairs;
    }

    /// <summary>Gets the number of examples.</summary>
    public int Count { get; }

    /// <summary>Gets every label that occurs, in ordinal order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Gets the label cardinality: the mean number of labels per example (0 when there are no examples).</summary>
    public double Cardinality { get; }

    /// <summary>Gets the label density: <see cref="Cardinality"/> divided by the number of <see cref="Labels"/> (0 when there are none).</summary>
    public double Density { get; }

    /// <summary>Gets the number of examples with the empty label set.</summary>
    public int EmptyCount { get; }

    /// <summary>Gets the number of examples that carry each label, keyed by label in ordinal order.</summary>
    public IReadOnlyDictionary<string, int> CountPerLabel { get; }

    /// <summary>Gets, for each label-set size that occurs (0 for the empty set), the number of examples of that size, in ascending order of size.</summary>
    public IReadOnlyDictionary<int, int> LabelSetSizeCounts { get; }

    /// <summary>
    /// Gets the label pairs that occur together most often (at most <see cref="MaxTopPairs"/>), by count descending,
    /// then by <see cref="LabelPairCount.First"/> and <see cref="LabelPairCount.Second"/> in ordinal order.
    /// </summary>
    public IReadOnlyList<LabelPairCount> TopPairs { get; }

    /// <summary>Computes the statistics of multi-label examples.</summary>
    /// <param name="examples">The examples; each must have <see cref="TextExample.Labels"/>.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentException">An example is null or single-label.</exception>
    public static MultiLabelStatistics Compute(IReadOnlyList<TextExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var countPerLabel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sizes = new SortedDictionary<int, int>();
        var pairs = new Dictionary<(string, string), int>();
        long labelCount = 0;
        var emptyCount = 0;
        for (var i = 0; i < examples.Count; i++)
        {
            var set = LabelsOf(examples, i);
            labelCount += set.Count;
            emptyCount += set.Count == 0 ? 1 : 0;
            sizes[set.Count] = sizes.GetValueOrDefault(set.Count) + 1;
            var sorted = set.Order(StringComparer.Ordinal).ToArray();
            for (var a = 0; a < sorted.Length; a++)
            {
                countPerLabel[sorted[a]] = countPerLabel.GetValueOrDefault(sorted[a]) + 1;
                for (var b = a + 1; b < sorted.Length; b++)
                {
                    pairs[(sorted[a], sorted[b])] = pairs.GetValueOrDefault((sorted[a], sorted[b])) + 1;
                }
            }
        }

        var topPairs = pairs
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
            .Take(MaxTopPairs)
            .Select(p => new LabelPairCount(p.Key.Item1, p.Key.Item2, p.Value))
            .ToArray();
        return new MultiLabelStatistics(
            examples.Count,
            Array.AsReadOnly(countPerLabel.Keys.ToArray()),
            examples.Count == 0 ? 0 : (double)labelCount / examples.Count,
            emptyCount,
            countPerLabel.AsReadOnly(),
            sizes.AsReadOnly(),
            Array.AsReadOnly(topPairs));
    }

    /// <summary>Gets the label set of example <paramref name="index"/>, failing on a null or single-label example.</summary>
    internal static IReadOnlyList<string> LabelsOf(IReadOnlyList<TextExample> examples, int index) => examples[index] switch
    {
        null => throw new ArgumentException($"Example {index} is null.", nameof(examples)),
        { Labels: { } labels } => labels,
        _ => throw new ArgumentException(
            $"Example {index} is single-label (its Labels are null); multi-label examples need a label set each (TextExample.WithLabels).", nameof(examples)),
    };
}
