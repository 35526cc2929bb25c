namespace SentimentKit.Onnx;

/// <summary>Loads model files (<c>.skm</c>, or an exported <c>.onnx</c>) into <see cref="OnnxSentimentPredictor"/>s: no TorchSharp, no libtorch.</summary>
/// <param name="options">How to score; <see langword="null"/> for the defaults. Validated and copied.</param>
public sealed class OnnxPredictorLoader(OnnxRuntimeOptions? options = null) : ISentimentPredictorLoader
{
    private readonly OnnxRuntimeOptions _options = Checked(options);

    /// <inheritdoc/>
    public string Runtime => "onnx";

    /// <inheritdoc/>
    public ISentimentPredictor Load(string path) => OnnxSentimentPredictor.Load(path, _options);

    private static OnnxRuntimeOptions Checked(OnnxRuntimeOptions? options)
    {
        var copy = options?.Clone() ?? new OnnxRuntimeOptions();
        copy.Validate();
        return copy;
    }
}
