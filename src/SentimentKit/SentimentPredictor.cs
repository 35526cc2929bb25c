using SentimentKit.Devices;

namespace SentimentKit;

/// <summary>
/// Serves a <see cref="SentimentModel"/>: single and batched predictions and per-token
/// explanations. Safe for concurrent use from many threads.
/// </summary>
public sealed class SentimentPredictor : IDisposable
{
    private readonly SentimentModel _model;
    private readonly bool _ownsModel;
    private bool _disposed;

    internal SentimentPredictor(SentimentModel model, bool ownsModel)
    {
        _model = model;
        _ownsModel = ownsModel;
    }

    /// <summary>Gets the model's label names, in output order.</summary>
    public IReadOnlyList<string> Labels => _model.Labels.Names;

    /// <summary>Gets the model served.</summary>
    public SentimentModel Model => _model;

    /// <summary>Gets or sets the number of texts per batch inside <see cref="PredictBatch"/>.</summary>
    /// <value>The default value is 256.</value>
    public int BatchSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 256;

    /// <summary>Loads a model file and creates a predictor that owns it.</summary>
    /// <param name="path">The <c>.skm</c> file.</param>
    /// <param name="device">The device; <see langword="null"/> means <see cref="DevicePreference.Auto"/>.</param>
    /// <returns>The predictor; disposing it disposes the model.</returns>
    public static SentimentPredictor Load(string path, DevicePreference? device = null) => new(SentimentModel.Load(path, device), ownsModel: true);

    /// <summary>Predicts the label of one text.</summary>
    /// <param name="text">Any text; empty or symbol-only text gets a valid prediction, very long text is cut to the model's token limit.</param>
    /// <returns>The label, its probability and every label's probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PredictBatch([text])[0];
    }

    /// <summary>Predicts many texts in length-bucketed batches; results come back in input order.</summary>
    /// <param name="texts">The texts.</param>
    /// <returns>One prediction per text, in input order.</returns>
    /// <exception cref="ArgumentNullException">A text is <see langword="null"/>.</exception>
    public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SentimentPrediction.ForTexts(texts, _model.Labels.Names, list => _model.Probabilities(list, BatchSize));
    }

    /// <summary>Predicts a text and attributes the predicted label to its tokens.</summary>
    /// <param name="text">The text.</param>
    /// <returns>
    /// The prediction and one attribution per token, in text order: integrated gradients on the
    /// embeddings for the RNN models, exact gradient × input for the baseline.
    /// </returns>
    public SentimentExplanation Explain(string text)
    {
        var prediction = Predict(text);
        var target = _model.Labels.GetIndex(prediction.Label);
        var (tokens, attributions) = _model.Pipeline.Explain(text, target);
        return new SentimentExplanation(prediction, [.. tokens.Select((t, i) => new TokenAttribution(t, attributions[i]))]);
    }

    /// <summary>Frees the model's native memory when this predictor owns it. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsModel)
        {
            _model.Dispose();
        }
    }

}
