namespace SentimentKit.Data;

/// <summary>The examples a loader read, with what it skipped and why.</summary>
public sealed class DataLoadResult
{
    private LabelSet? _labels;

    internal DataLoadResult(string source, IReadOnlyList<TextExample> examples, int skippedCount, IReadOnlyList<string> skippedReasons, int unsafeEntriesSkipped)
    {
        Source = source;
        Examples = examples;
        SkippedCount = skippedCount;
        SkippedReasons = skippedReasons;
        UnsafeEntriesSkipped = unsafeEntriesSkipped;
    }

    /// <summary>Gets the file or folder the examples came from.</summary>
    public string Source { get; }

    /// <summary>Gets the examples, in a stable order.</summary>
    public IReadOnlyList<TextExample> Examples { get; }

    /// <summary>Gets the number of bad rows or entries skipped (only when <see cref="DataLoadOptions.SkipBadRows"/> is set).</summary>
    public int SkippedCount { get; }

    /// <summary>Gets the reasons of the first skipped rows, each naming the file and line or entry.</summary>
    public IReadOnlyList<string> SkippedReasons { get; }

    /// <summary>
    /// Gets the number of archive entries (or files) never read because they were links or their paths were
    /// absolute or contained <c>..</c>.
    /// </summary>
    public int UnsafeEntriesSkipped { get; }

    /// <summary>Gets the label set of the examples, in the order <see cref="LabelSet.FromLabels"/> defines.</summary>
    /// <exception cref="InvalidOperationException">There are no examples (every row was skipped).</exception>
    public LabelSet Labels => _labels ??= Examples.Count > 0
        ? LabelSet.FromLabels(Examples.Select(e => e.Label))
        : throw new InvalidOperationException($"{Source} gave no examples ({SkippedCount} skipped), so it has no labels.");
}
