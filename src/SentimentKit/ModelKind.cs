namespace SentimentKit;

/// <summary>The kind of classifier <see cref="SentimentTrainer"/> builds.</summary>
public enum ModelKind
{
    /// <summary>A bidirectional LSTM over word embeddings, with packed variable-length sequences.</summary>
    BiLstm = 0,

    /// <summary>A bidirectional GRU over word embeddings, with packed variable-length sequences.</summary>
    Gru = 1,

    /// <summary>Multinomial logistic regression on TF-IDF word uni- and bigrams: fast and strong; start here.</summary>
    Baseline = 2,
}
