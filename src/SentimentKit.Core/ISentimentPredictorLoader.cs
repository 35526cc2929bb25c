namespace SentimentKit;

/// <summary>
/// Loads model files into predictors of one runtime — TorchSharp (<c>SentimentKit</c>'s <c>TorchPredictorLoader</c>)
/// or the libtorch-free ONNX runtime — so that hosting and batch scoring need not know which one the app chose.
/// </summary>
public interface ISentimentPredictorLoader
{
    /// <summary>Gets the runtime's name as <c>--runtime</c> spells it: <c>torch</c> or <c>onnx</c>.</summary>
    string Runtime { get; }

    /// <summary>Loads a model file; the returned predictor owns the model.</summary>
    /// <param name="path">The <c>.skm</c> file.</param>
    /// <returns>The predictor.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid model; nothing was loaded.</exception>
    ISentimentPredictor Load(string path);
}
