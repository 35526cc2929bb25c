namespace SentimentKit.Text;

/// <summary>Settings for building a <see cref="Vocabulary"/> from a corpus.</summary>
public sealed class VocabularyOptions
{
    /// <summary>Gets or sets the minimum number of occurrences of a token for it to get an id.</summary>
    /// <value>The default value is 1.</value>
    public int MinFrequency { get; set; } = 1;

    /// <summary>
    /// Gets or sets the largest number of entries, the two specials included; the most frequent tokens are
    /// kept. <see langword="null"/> keeps every token that passes <see cref="MinFrequency"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxSize { get; set; }

    /// <summary>
    /// Gets or sets the largest number of threads that count tokens; <see langword="null"/> uses all processors.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.AtLeast(nameof(MinFrequency), MinFrequency, 1);
        errors.Check(MaxSize is null or >= 2, $"{nameof(MaxSize)} must be at least 2, room for <pad> and <unk> (was {MaxSize}).");
        errors.AtLeastWhenSet(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, 1);
        errors.ThrowIfAny(nameof(VocabularyOptions));
    }

    /// <summary>Copies the options, so that later changes to this instance reach nothing that took the copy.</summary>
    /// <returns>A copy.</returns>
    public VocabularyOptions Clone() => (VocabularyOptions)MemberwiseClone();
}
