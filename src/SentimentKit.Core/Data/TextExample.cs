namespace SentimentKit.Data;

/// <summary>One labeled text, with optional metadata from its source.</summary>
/// <param name="Text">The raw text.</param>
/// <param name="Label">The label name; integer labels are names too (<c>"0"</c>, <c>"1"</c>).</param>
/// <remarks>
/// An example is single-label (<see cref="Labels"/> is <see langword="null"/>: <see cref="Label"/> is its class) or
/// multi-label (<see cref="Labels"/> is its label set, which may be empty, and <see cref="Label"/> only shows the set
/// joined with <c>|</c>); <see cref="WithLabels"/> makes the second kind. Two examples are equal when their texts,
/// labels, label sets (in order), stars and sources are.
/// </remarks>
public sealed record TextExample(string Text, string Label)
{
    /// <summary>What <see cref="WithLabels"/> puts between the names of a label set to make <see cref="Label"/>.</summary>
    public const string LabelSetSeparator = "|";

    // Not readonly, so that WithLabels can set checked labels without checking them twice.
    private IReadOnlyList<string>? _labels;

    /// <summary>Gets the raw text.</summary>
    public string Text { get; init; } = Text ?? throw new ArgumentNullException(nameof(Text));

    /// <summary>Gets the label name; for a multi-label example, the label set joined with <see cref="LabelSetSeparator"/> (empty for the empty set).</summary>
    public string Label { get; init; } = Label ?? throw new ArgumentNullException(nameof(Label));

    /// <summary>
    /// Gets the example's label set when the data is multi-label — distinct names, in first-seen order, possibly none
    /// (a text with no label is valid in multi-label data); <see langword="null"/> for single-label data.
    /// </summary>
    /// <exception cref="ArgumentException">(When set) a name is null, empty, whitespace or repeated.</exception>
    public IReadOnlyList<string>? Labels
    {
        get => _labels;
        init => _labels = value is null ? null : Array.AsReadOnly(CheckedLabels(value, nameof(Labels), dedupe: false));
    }

    /// <summary>Gets a value indicating whether the example is multi-label (<see cref="Labels"/> is set).</summary>
    public bool IsMultiLabel => Labels is not null;

    /// <summary>Gets the rating the source gave, such as IMDB's 1–10 stars from the file name; <see langword="null"/> when unknown.</summary>
    public int? Stars { get; init; }

    /// <summary>Gets where the example came from — <c>file:line</c> for CSV, TSV and JSON Lines, <c>train/pos/123_9.txt</c> for IMDB; <see langword="null"/> when unknown.</summary>
    public string? SourceId { get; init; }

    /// <summary>Makes a multi-label example.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="labels">The label names; repeats (ordinal) are dropped, the first-seen order kept; may be empty.</param>
    /// <returns>An example whose <see cref="Labels"/> are the distinct names and whose <see cref="Label"/> is them joined with <see cref="LabelSetSeparator"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">A label name is null, empty or whitespace.</exception>
    public static TextExample WithLabels(string text, IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        var distinct = CheckedLabels(labels, nameof(labels), dedupe: true);
        return new TextExample(text, string.Join(LabelSetSeparator, distinct)) { _labels = Array.AsReadOnly(distinct) };
    }

    /// <inheritdoc/>
    public bool Equals(TextExample? other) =>
        other is not null
        && string.Equals(Text, other.Text, StringComparison.Ordinal)
        && string.Equals(Label, other.Label, StringComparison.Ordinal)
        && (ReferenceEquals(Labels, other.Labels) || (Labels is not null && other.Labels is not null && Labels.SequenceEqual(other.Labels, StringComparer.Ordinal)))
        && Stars == other.Stars
        && string.Equals(SourceId, other.SourceId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Text, StringComparer.Ordinal);
        hash.Add(Label, StringComparer.Ordinal);
        hash.Add(Labels?.Count ?? -1);
        foreach (var name in Labels ?? [])
        {
            hash.Add(name, StringComparer.Ordinal);
        }

        hash.Add(Stars);
        hash.Add(SourceId, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    private static string[] CheckedLabels(IEnumerable<string> labels, string parameter, bool dedupe)
    {
        ArgumentNullException.ThrowIfNull(labels, parameter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        var position = 0;
        foreach (var name in labels)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"Label {position} is null, empty or whitespace; a label name needs a character other than white space.", parameter);
            }

            if (seen.Add(name))
            {
                names.Add(name);
            }
            else if (!dedupe)
            {
                throw new ArgumentException($"Label '{name}' appears twice; a label set names each label once.", parameter);
            }

            position++;
        }

        return [.. names];
    }
}
