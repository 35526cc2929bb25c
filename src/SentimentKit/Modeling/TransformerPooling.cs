namespace SentimentKit.Modeling;

/// <summary>How a <see cref="TransformerClassifier"/> turns the encoder's last hidden states into one vector.</summary>
public enum TransformerPooling
{
    /// <summary>
    /// The mean over the real tokens (<c>[CLS]</c> and <c>[SEP]</c> included, padding never), as
    /// sentence-transformers pools all-MiniLM-L6-v2.
    /// </summary>
    Mean,

    /// <summary>The hidden state of the first token, <c>[CLS]</c> (without BERT's pooler layer).</summary>
    Cls,
}
