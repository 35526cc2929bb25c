using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>
/// A trained text classifier: label names, text normalization and tokenization settings, the
/// vocabulary or n-gram features, the weights, the calibration and the validation metrics —
/// everything needed to predict. Save it as one <c>.skm</c> file; a loaded model predicts exactly as
/// the saved one did. Disposing it frees its native memory.
/// </summary>
public sealed class SentimentModel : IDisposable
{
    private readonly TextPipeline _pipeline;
    private readonly ModelManifest _manifest;
    private bool _disposed;

    internal SentimentModel(TextPipeline pipeline, ModelManifest manifest, TemperatureScaling? calibration, TrainingReport? report)
    {
        _pipeline = pipeline;
        _manifest = manifest;
        Calibration = calibration;
        Report = report;
        Labels = new LabelSet(manifest.Labels);
    }

    /// <summary>Gets the label names, in the order of the model's outputs.</summary>
    public LabelSet Labels { get; }

    /// <summary>Gets the kind of model.</summary>
    public ModelKind Kind => _manifest.ModelKind;

    /// <summary>Gets the device the model runs on.</summary>
    public ComputeDevice Device => _pipeline.Device;

    /// <summary>Gets the seed the model was trained with.</summary>
    public int Seed => _manifest.Seed;

    /// <summary>Gets when the model was created (UTC).</summary>
    public DateTimeOffset CreatedUtc => _manifest.CreatedUtc;

    /// <summary>Gets the SentimentKit version that trained the model.</summary>
    public string LibraryVersion => _manifest.LibraryVersion;

    /// <summary>Gets the vocabulary size (RNN models) or the number of n-gram features (baseline).</summary>
    public int FeatureCount => _pipeline.FeatureCount;

    /// <summary>Gets the metrics on the validation set at the end of training, when there was one.</summary>
    public ClassificationMetrics? ValidationMetrics => _manifest.ValidationMetrics;

    /// <summary>Gets the temperature scaling applied to the probabilities, when the model was calibrated.</summary>
    public TemperatureScaling? Calibration { get; }

    /// <summary>Gets the temperature applied to the logits: 1 when the model is not calibrated.</summary>
    public double Temperature => Calibration?.Temperature ?? 1.0;

    /// <summary>Gets the training report; <see langword="null"/> for a model loaded from a file.</summary>
    public TrainingReport? Report { get; }

    internal TextPipeline Pipeline
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _pipeline;
        }
    }

    /// <summary>Loads a model saved by <see cref="Save"/>, verifying its format version and every checksum first.</summary>
    /// <param name="path">The <c>.skm</c> file.</param>
    /// <param name="device">The device to run on; <see langword="null"/> means <see cref="DevicePreference.Auto"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is corrupt, truncated, of another format version or inconsistent; nothing was loaded.</exception>
    public static SentimentModel Load(string path, DevicePreference? device = null)
    {
        var resolved = TorchBackend.Resolve(device ?? DevicePreference.Auto);
        var (manifest, pipeline, calibration) = ModelArtifact.Load(path, resolved);
        return new SentimentModel(pipeline, manifest, calibration, report: null);
    }

    /// <summary>Saves the model as one <c>.skm</c> file, atomically: a failure leaves any existing file intact.</summary>
    /// <param name="path">The target file.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ModelArtifact.Save(path, _manifest, Pipeline, Calibration);
    }

    /// <summary>Creates a predictor over this model; the model must outlive it.</summary>
    /// <returns>The predictor.</returns>
    public SentimentPredictor CreatePredictor() => new(this, ownsModel: false);

    /// <summary>Predicts one text (see <see cref="SentimentPredictor.Predict"/>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The prediction.</returns>
    public SentimentPrediction Predict(string text) => CreatePredictor().Predict(text);

    /// <summary>Computes the metrics of the model on labeled examples.</summary>
    /// <param name="examples">The examples; every label must be one of <see cref="Labels"/>.</param>
    /// <returns>The metrics, with calibrated probabilities when the model is calibrated.</returns>
    /// <exception cref="ArgumentException">An example's label is not one of the model's.</exception>
    public ClassificationMetrics Evaluate(IEnumerable<TextExample> examples) => Accumulate(examples).Compute();

    /// <summary>Computes the metrics of the model on labeled examples, with every label's ROC curve.</summary>
    /// <param name="examples">The examples; every label must be one of <see cref="Labels"/>.</param>
    /// <returns>The metrics and curves.</returns>
    /// <exception cref="ArgumentException">An example's label is not one of the model's.</exception>
    public ModelEvaluation EvaluateDetailed(IEnumerable<TextExample> examples)
    {
        var accumulator = Accumulate(examples);
        var curves = Labels.Names.Select((name, index) => (name, curve: accumulator.RocCurve(index)))
            .ToDictionary(p => p.name, p => p.curve, StringComparer.Ordinal);
        return new ModelEvaluation(accumulator.Compute(), curves);
    }

    private MetricsAccumulator Accumulate(IEnumerable<TextExample> examples) => Accumulate(Labels, examples, texts => Probabilities(texts), "model's");

    /// <summary>Scores a model's probabilities (row-major <c>[count, classes]</c>) on labeled examples.</summary>
    internal static MetricsAccumulator Accumulate(LabelSet labelSet, IEnumerable<TextExample> examples, Func<IReadOnlyList<string>, float[]> probabilities, string owner)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var list = examples as IReadOnlyList<TextExample> ?? [.. examples];
        var labels = LabelIndices(labelSet, list, "example", owner, nameof(examples));
        var accumulator = new MetricsAccumulator(labelSet.Names);
        accumulator.Add(probabilities(list.Select(e => e.Text).ToArray()), labels);
        return accumulator;
    }

    /// <summary>The index of each example's label; an unknown label is an <see cref="ArgumentException"/> naming the example.</summary>
    internal static int[] LabelIndices(LabelSet labelSet, IReadOnlyList<TextExample> examples, string what, string owner, string parameterName)
    {
        var labels = new int[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            labels[i] = labelSet.TryGetIndex(examples[i].Label, out var index)
                ? index
                : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The label '{examples[i].Label}' of {what} {i} is not one of the {owner} labels ({labelSet})."), parameterName);
        }

        return labels;
    }

    /// <summary>Frees the model's native memory. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pipeline.Dispose();
    }

    /// <summary>Calibrated probabilities, row-major <c>[count, classes]</c>.</summary>
    internal float[] Probabilities(IReadOnlyList<string> texts, int batchSize = 256)
    {
        var classes = Labels.Count;
        var logits = Pipeline.Logits(texts, batchSize);
        var probabilities = new float[logits.Length];
        for (var i = 0; i < texts.Count; i++)
        {
            TemperatureScaling.Softmax(logits.AsSpan(i * classes, classes), Temperature, probabilities.AsSpan(i * classes, classes));
        }

        return probabilities;
    }
}
