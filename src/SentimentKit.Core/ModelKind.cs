using System.ComponentModel;

namespace SentimentKit;

/// <summary>The kind of classifier: which model family builds it and with which network.</summary>
public enum ModelKind
{
    /// <summary>A bidirectional LSTM over word embeddings, each text read to its own length (padding never enters the recurrence).</summary>
    BiLstm = 0,

    /// <summary>A bidirectional GRU over word embeddings, each text read to its own length (padding never enters the recurrence).</summary>
    Gru = 1,

    /// <summary>
    /// Multinomial logistic regression on word n-grams, weighted by TF-IDF or by Naive Bayes log-count ratios:
    /// fast and strong on long texts; start here.
    /// </summary>
    NGrams = 2,

    /// <summary>
    /// A pretrained BERT-family encoder (all-MiniLM-L6-v2 by default) fine-tuned with a classification head, reading
    /// WordPiece tokens: the accurate choice for short texts and small datasets; slow to train on a CPU.
    /// </summary>
    Transformer = 3,

    /// <summary>
    /// Several trained models of other kinds in one file, each text's probabilities the weighted average of theirs
    /// (each calibrated), then calibrated once more: what automatic training chooses when it beats every single model on
    /// validation examples its weights were not fitted on. Built by <c>SentimentAutoTrainer</c>, not from options.
    /// </summary>
    Ensemble = 4,

    /// <summary>The former name of <see cref="NGrams"/>.</summary>
    [Obsolete("Use ModelKind.NGrams: the kind is the n-gram model, whichever weighting (TF-IDF or Naive Bayes) it uses.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    Baseline = NGrams,
}
