using SentimentKit.Text;

namespace SentimentKit;

/// <summary>
/// The settings of the n-gram model (<see cref="ModelKind.NGrams"/>): a multinomial logistic regression on word
/// n-grams weighted by TF-IDF (<see cref="RecommendedTfIdf"/>, the default) or by Naive Bayes log-count ratios
/// (<see cref="RecommendedNaiveBayes"/>, the most accurate on long reviews).
/// </summary>
public sealed class NGramModelOptions : ModelOptions
{
    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.NGrams;

    /// <summary>Gets or sets the n-gram features.</summary>
    /// <value>The default value is uni- and bigrams in at least two training documents, sublinear TF-IDF.</value>
    public NGramFeaturizerOptions Features { get; set; } = new() { MaxNGramLength = 2, MinDocumentFrequency = 2, SublinearTf = true };

    /// <summary>Gets the TF-IDF recipe: uni- and bigrams in at least two training documents, sublinear term frequency.</summary>
    /// <returns>New options.</returns>
    public static NGramModelOptions RecommendedTfIdf() => new();

    /// <summary>
    /// Gets the Naive Bayes recipe: uni-, bi- and trigrams in at least two training documents, each weighted by its
    /// Naive Bayes log-count ratio (NBSVM's features, Wang and Manning 2012).
    /// </summary>
    /// <returns>New options.</returns>
    public static NGramModelOptions RecommendedNaiveBayes() => new()
    {
        Features = new NGramFeaturizerOptions { MaxNGramLength = 3, MinDocumentFrequency = 2, SublinearTf = true, Weighting = NGramWeighting.NaiveBayes },
    };

    /// <inheritdoc/>
    public override void Validate()
    {
        var errors = new OptionErrors();
        if (errors.NotNull(Features, nameof(Features)))
        {
            errors.Include(nameof(Features), Features.Validate);
        }

        errors.ThrowIfAny(nameof(NGramModelOptions));
    }

    /// <inheritdoc/>
    public override NGramModelOptions Clone() => new() { Features = Features?.Clone()! };
}
