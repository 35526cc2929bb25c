using SentimentKit.Devices;

namespace SentimentKit;

/// <summary>
/// Serves a <see cref="SentimentModel"/> on TorchSharp: single and batched predictions and per-token explanations.
/// Safe for concurrent use from many threads; disposing it while other threads predict lets their calls finish (or
/// throw <see cref="ObjectDisposedException"/> if they start after) before any native memory is freed.
/// </summary>
public sealed class SentimentPredictor : ISentimentPredictor
{
    private readonly SentimentModel _model;
    private readonly bool _ownsModel;
    private volatile bool _disposed;

    /// <summary>Initializes a predictor over a trained or loaded model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="ownsModel">Whether disposing the predictor disposes the model; when <see langword="false"/> the model must outlive the predictor.</param>
    public SentimentPredictor(SentimentModel model, bool ownsModel = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _ownsModel = ownsModel;
    }

    /// <summary>Gets the model's label names, in output order.</summary>
    public IReadOnlyList<string> Labels => _model.Labels.Names;

    /// <summary>Gets the model served.</summary>
    public SentimentModel Model => _model;

    /// <inheritdoc/>
    public ModelInfo Info => _model.Info;

    /// <inheritdoc/>
    public bool CanExplain => true;

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
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid model; nothing was loaded.</exception>
    public static SentimentPredictor Load(string path, DevicePreference? device = null) => new(SentimentModel.Load(path, device), ownsModel: true);

    /// <inheritdoc/>
    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PredictBatch([text])[0];
    }

    /// <summary>Predicts many texts in length-bucketed batches; results come back in input order.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>One prediction per text, in input order.</returns>
    /// <exception cref="ArgumentNullException">A text is <see langword="null"/>.</exception>
    public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SentimentPrediction.ForTexts(texts, _model.Labels.Names, list => _model.Probabilities(list, BatchSize, cancellationToken), _model.MultiLabelHead?.Thresholds);
    }

    /// <summary>Predicts a text and attributes the predicted label to its tokens.</summary>
    /// <param name="text">The text.</param>
    /// <returns>
    /// The prediction and one attribution per token, in text order: integrated gradients on the embeddings for the
    /// recurrent models, exact gradient × input for the n-gram model. For a multi-label model, each predicted label
    /// (the most probable label when none is predicted) is explained on its own in <see cref="SentimentExplanation.PerLabel"/>.
    /// </returns>
    public SentimentExplanation Explain(string text)
    {
        return SentimentExplanation.Of(Predict(text), label => Attributions(text, label));
    }

    /// <summary>The attribution of every token of a text toward one label.</summary>
    private IReadOnlyList<TokenAttribution> Attributions(string text, string label)
    {
        var (tokens, attributions) = _model.Explain(text, _model.Labels.GetIndex(label));
        return [.. tokens.Select((t, i) => new TokenAttribution(t, attributions[i]))];
    }

    /// <summary>Stops this predictor; frees the model's native memory (once no call is inside it) when the predictor owns it. Disposing twice is harmless.</summary>
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
