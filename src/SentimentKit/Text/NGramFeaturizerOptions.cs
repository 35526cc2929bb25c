namespace SentimentKit.Text;

/// <summary>Settings for fitting an <see cref="NGramFeaturizer"/>.</summary>
public sealed class NGramFeaturizerOptions
{
    /// <summary>Gets or sets the longest n-gram: 1 (unigrams), 2 (uni- and bigrams) or 3 (up to trigrams).</summary>
    /// <value>The default value is 2.</value>
    public int MaxNGramLength { get; set; } = 2;

    /// <summary>Gets or sets the number of training documents an n-gram must occur in to become a feature.</summary>
    /// <value>The default value is 2.</value>
    public int MinDocumentFrequency { get; set; } = 2;

    /// <summary>
    /// Gets or sets the largest number of features; the n-grams in most documents are kept.
    /// <see langword="null"/> keeps every n-gram that passes <see cref="MinDocumentFrequency"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxFeatures { get; set; }

    /// <summary>Gets or sets a value indicating whether term frequency is damped as <c>1 + ln(tf)</c> instead of the raw count.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SublinearTf { get; set; } = true;

    /// <summary>Gets or sets the largest number of threads used to fit and transform; <see langword="null"/> uses all processors.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>Checks the settings, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxNGramLength is < 1 or > 3)
        {
            problems.Add($"{nameof(MaxNGramLength)} must be 1, 2 or 3 (was {MaxNGramLength}).");
        }

        if (MinDocumentFrequency < 1)
        {
            problems.Add($"{nameof(MinDocumentFrequency)} must be at least 1 (was {MinDocumentFrequency}).");
        }

        if (MaxFeatures is < 1)
        {
            problems.Add($"{nameof(MaxFeatures)} must be at least 1 (was {MaxFeatures}).");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            problems.Add($"{nameof(MaxDegreeOfParallelism)} must be at least 1 (was {MaxDegreeOfParallelism}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid n-gram featurizer options: " + string.Join(" ", problems));
        }
    }
}
