namespace SentimentKit;

/// <summary>
/// The one way to predict with a trained model, whichever runtime scores it (TorchSharp or the libtorch-free ONNX
/// runtime) and whether it is one model or an ensemble: single texts, batches, and explanations. Implementations are
/// safe for concurrent use; a call made during or after <see cref="IDisposable.Dispose"/> either completes or throws
/// <see cref="ObjectDisposedException"/>, and native memory is released only once no call is inside it.
/// </summary>
public interface ISentimentPredictor : IDisposable
{
    /// <summary>Gets what the model is: kind, labels, when and how it was trained.</summary>
    ModelInfo Info { get; }

    /// <summary>Gets the label names, in the order of the probabilities.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Gets a value indicating whether <see cref="Explain"/> is available here.</summary>
    bool CanExplain { get; }

    /// <summary>Predicts the label of one text.</summary>
    /// <param name="text">Any text; empty or symbol-only text gets a valid prediction, very long text is cut to the model's limit.</param>
    /// <returns>The label, its probability and every label's probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    SentimentPrediction Predict(string text);

    /// <summary>Predicts many texts; results come back in input order.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>One prediction per text, in input order.</returns>
    /// <exception cref="ArgumentNullException">A text is <see langword="null"/>.</exception>
    IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Predicts a text and attributes the predicted label to its tokens.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The prediction and one attribution per token, in text order.</returns>
    /// <exception cref="NotSupportedException"><see cref="CanExplain"/> is <see langword="false"/>.</exception>
    SentimentExplanation Explain(string text);
}
