using SentimentKit.Artifacts;
using SentimentKit.Evaluation;

namespace SentimentKit.Onnx;

/// <summary>
/// Predicts with a SentimentKit model without TorchSharp: the same text side, calibration and labels as
/// <c>SentimentPredictor</c>, the n-gram model scored in managed code, the recurrent models and the transformer in ONNX Runtime.
/// Safe for concurrent use; disposing it while other threads predict lets their calls finish (or throw
/// <see cref="ObjectDisposedException"/> if they start after) before the session is freed.
/// </summary>
public sealed class OnnxSentimentPredictor : ISentimentPredictor
{
    private readonly ITextScorer _scorer;
    private readonly double _temperature;
    private readonly MultiLabelSection? _multiLabel;
    private readonly int _batchSize;
    private readonly DisposalGuard _guard = new();

    private OnnxSentimentPredictor(ModelInfo info, double temperature, ITextScorer scorer, MultiLabelSection? multiLabel, int batchSize)
    {
        Info = info;
        _temperature = temperature;
        _multiLabel = multiLabel;
        _scorer = scorer;
        _batchSize = batchSize;
    }

    /// <inheritdoc/>
    public ModelInfo Info { get; }

    /// <summary>Gets what turns texts into logits (tests look inside it).</summary>
    internal ITextScorer Scorer => _scorer;

    /// <inheritdoc/>
    public IReadOnlyList<string> Labels => Info.Labels;

    /// <summary>Gets a value indicating whether <see cref="Explain"/> is available: for the n-gram model, not for the recurrent ones or the transformer (they need gradients, which the TorchSharp runtime computes).</summary>
    public bool CanExplain => _scorer.CanExplain;

    /// <summary>Loads a <c>.skm</c> model file, or an <c>.onnx</c> file exported by <c>SentimentModel.ExportOnnx</c>.</summary>
    /// <param name="path">The file; its content decides which it is.</param>
    /// <param name="options">How to score; <see langword="null"/> for the defaults.</param>
    /// <returns>The predictor; it owns what it loaded.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid model (corrupt, of an unknown opset, inputs that do not match); nothing was loaded.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> is invalid.</exception>
    public static OnnxSentimentPredictor Load(string path, OnnxRuntimeOptions? options = null)
    {
        var checkedOptions = options?.Clone() ?? new OnnxRuntimeOptions();
        checkedOptions.Validate();
        var (info, temperature, scorer, multiLabel) = OnnxModelLoader.Load(path, checkedOptions);
        return new OnnxSentimentPredictor(info, temperature, scorer, multiLabel, checkedOptions.BatchSize);
    }

    /// <inheritdoc/>
    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PredictBatch([text])[0];
    }

    /// <inheritdoc/>
    public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        using var lease = _guard.Enter(this);
        return SentimentPrediction.ForTexts(texts, Labels, list => Probabilities(list, cancellationToken), _multiLabel?.Thresholds);
    }

    /// <summary>Predicts a text and attributes the predicted label to its tokens (exact gradient × input; the n-gram model only).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The prediction and one attribution per token, in text order.</returns>
    /// <exception cref="NotSupportedException"><see cref="CanExplain"/> is <see langword="false"/>.</exception>
    public SentimentExplanation Explain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!CanExplain)
        {
            throw new NotSupportedException($"The ONNX runtime cannot explain {ModelKindNames.Name(Info.Kind)} models (they need gradients): load the model with the TorchSharp runtime to explain it.");
        }

        using var lease = _guard.Enter(this);
        return SentimentExplanation.Of(Predict(text), label => Attributions(text, label));
    }

    private IReadOnlyList<TokenAttribution> Attributions(string text, string label)
    {
        var (tokens, attributions) = _scorer.Explain(text, Labels.ToList().IndexOf(label), _multiLabel is not null);
        return [.. tokens.Select((t, i) => new TokenAttribution(t, attributions[i]))];
    }

    /// <summary>Frees the ONNX Runtime session once no call is inside it. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        if (_guard.BeginDispose())
        {
            _scorer.Dispose();
        }
    }

    private float[] Probabilities(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var logits = _scorer.Logits(texts, _batchSize, cancellationToken);
        return _multiLabel is { } head ? head.Probabilities(logits) : TemperatureScaling.SoftmaxRows(logits, Labels.Count, _temperature);
    }
}
