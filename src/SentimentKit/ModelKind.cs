namespace SentimentKit;

/// <summary>The kind of classifier <see cref="SentimentTrainer"/> builds.</summary>
public enum ModelKind
{
    /// <summary>A bidirectional LSTM over word embeddings, each review read to its own length (padding never enters the recurrence).</summary>
    BiLstm = 0,

    /// <summary>A bidirectional GRU over word embeddings, each review read to its own length (padding never enters the recurrence).</summary>
    Gru = 1,

    /// <summary>
    /// Multinomial logistic regression on word n-grams — TF-IDF uni- and bigrams by default, or Naive-Bayes-weighted
    /// uni- to trigrams (<see cref="SentimentTrainerOptions.RecommendedNaiveBayes"/>): fast and strong; start here.
    /// </summary>
    Baseline = 2,
}
