namespace SentimentKit.Text;

/// <summary>How an <see cref="NGramFeaturizer"/> weighs the n-grams of a document.</summary>
public enum NGramWeighting
{
    /// <summary>
    /// Term frequency × inverse document frequency: <c>tf × idf</c>, unsupervised. Fitted from texts alone.
    /// </summary>
    TfIdf,

    /// <summary>
    /// Naive Bayes log-count ratios (NBSVM, Wang and Manning 2012): a present n-gram weighs
    /// <c>|log(p / ‖p‖₁) − log(q / ‖q‖₁)|</c>, with <c>p</c> and <c>q</c> the smoothed numbers of documents of a
    /// class and of the other classes that contain it (the largest ratio over the classes when there are more than two).
    /// A linear model on these features is NBSVM's "NB features + logistic regression". Fitted from labeled texts.
    /// </summary>
    NaiveBayes,
}

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

    /// <summary>Gets or sets how the n-grams of a document are weighed.</summary>
    /// <value>The default value is <see cref="NGramWeighting.TfIdf"/>.</value>
    public NGramWeighting Weighting { get; set; } = NGramWeighting.TfIdf;

    /// <summary>Gets or sets the additive smoothing of the document counts behind <see cref="NGramWeighting.NaiveBayes"/> ratios.</summary>
    /// <value>The default value is 1 (Laplace).</value>
    public double NaiveBayesSmoothing { get; set; } = 1.0;

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

        if (!Enum.IsDefined(Weighting))
        {
            problems.Add($"{nameof(Weighting)} {Weighting} is not one of TfIdf, NaiveBayes.");
        }

        if (!(NaiveBayesSmoothing > 0) || double.IsInfinity(NaiveBayesSmoothing))
        {
            problems.Add($"{nameof(NaiveBayesSmoothing)} must be a positive finite number (was {NaiveBayesSmoothing}).");
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
