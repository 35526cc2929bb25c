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

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(MaxNGramLength is >= 1 and <= 3, $"{nameof(MaxNGramLength)} must be 1, 2 or 3 (was {MaxNGramLength}).");
        errors.AtLeast(nameof(MinDocumentFrequency), MinDocumentFrequency, 1);
        errors.AtLeastWhenSet(nameof(MaxFeatures), MaxFeatures, 1);
        errors.Defined(nameof(Weighting), Weighting);
        errors.Check(NaiveBayesSmoothing > 0 && !double.IsInfinity(NaiveBayesSmoothing), FormattableString.Invariant($"{nameof(NaiveBayesSmoothing)} must be a positive finite number (was {NaiveBayesSmoothing})."));
        errors.AtLeastWhenSet(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, 1);
        errors.ThrowIfAny(nameof(NGramFeaturizerOptions));
    }

    /// <summary>Copies the options, so that later changes to this instance reach nothing that took the copy.</summary>
    /// <returns>A copy.</returns>
    public NGramFeaturizerOptions Clone() => (NGramFeaturizerOptions)MemberwiseClone();
}
