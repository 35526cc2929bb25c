using System.Globalization;

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
    /// Gets the number of archive entries, files or folders never read because they were links (symbolic or hard)
    /// or their paths were absolute or contained <c>..</c>.
    /// </summary>
    public int UnsafeEntriesSkipped { get; }

    /// <summary>Describes the load in one line: the source, the examples, and what was skipped and why, when anything was.</summary>
    /// <returns>Such as <c>data/aclImdb: 24999 examples; 2 links or unsafe paths skipped</c>.</returns>
    public override string ToString()
    {
        var summary = string.Create(CultureInfo.InvariantCulture, $"{Source}: {Examples.Count} examples");
        if (SkippedCount > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {SkippedCount} bad rows or entries skipped");
        }

        if (UnsafeEntriesSkipped > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {UnsafeEntriesSkipped} links or unsafe paths skipped");
        }

        return summary;
    }

    /// <summary>
    /// Gets the label set of the examples, in the order <see cref="LabelSet.FromLabels"/> defines; for multi-label
    /// examples, every name in their <see cref="TextExample.Labels"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">There are no examples (every row was skipped), or every multi-label example has the empty set.</exception>
    public LabelSet Labels => _labels ??= Examples.Count == 0
        ? throw new InvalidOperationException($"{Source} gave no examples ({SkippedCount} skipped), so it has no labels.")
        : Examples.Any(e => e.IsMultiLabel)
            ? MultiLabelNames()
            : LabelSet.FromLabels(Examples.Select(e => e.Label));

    private LabelSet MultiLabelNames()
    {
        var names = Examples.SelectMany(e => e.Labels ?? [e.Label]).ToList();
        return names.Count > 0
            ? LabelSet.FromLabels(names)
            : throw new InvalidOperationException($"{Source} has no labels: every example has the empty label set.");
    }
}
