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

    /// <summary>Checks the settings, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MinFrequency < 1)
        {
            problems.Add($"{nameof(MinFrequency)} must be at least 1 (was {MinFrequency}).");
        }

        if (MaxSize is < 2)
        {
            problems.Add($"{nameof(MaxSize)} must be at least 2, room for <pad> and <unk> (was {MaxSize}).");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            problems.Add($"{nameof(MaxDegreeOfParallelism)} must be at least 1 (was {MaxDegreeOfParallelism}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid vocabulary options: " + string.Join(" ", problems));
        }
    }
}
