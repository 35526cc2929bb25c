using System.ComponentModel;
using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Evaluation;
using SentimentKit.Families;

namespace SentimentKit;

/// <summary>
/// A trained text classifier: label names, text normalization and tokenization settings, the vocabulary or n-gram
/// features, the weights, the calibration and the validation metrics — everything needed to predict. Save it as one
/// <c>.skm</c> file; a loaded model predicts exactly as the saved one did. Predict through a
/// <see cref="SentimentPredictor"/> (<see cref="CreatePredictor"/>). Disposing it frees its native memory once no
/// call is inside it.
/// </summary>
public sealed class SentimentModel : IDisposable
{
    private readonly ModelPipeline _pipeline;
    private const string AutoSection = "auto";
    private ModelManifest _manifest;
    private readonly MultiLabelSection? _multiLabel;
    private readonly DisposalGuard _guard = new();

    internal SentimentModel(ModelPipeline pipeline, ModelManifest manifest, TemperatureScaling? calibration, TrainingReport? report, string? path, string? fileSha256)
    {
        _pipeline = pipeline;
        _manifest = manifest;
        Calibration = calibration;
        Report = report;
        Labels = new LabelSet(manifest.Labels);
        if (manifest.ClassificationTask == ClassificationTask.MultiLabel)
        {
            _multiLabel = manifest.Section<MultiLabelSection>(MultiLabelSection.Name)
                ?? throw new InvalidOperationException("A multi-label manifest has no multi-label section.");
            pipeline.MultiLabel = true;
        }

        Info = ModelInfo.Of(manifest, pipeline.Kind, Temperature, Thresholds, path, fileSha256, "torch");
    }

    /// <summary>Gets whether the model predicts one label per text or a set of labels.</summary>
    public ClassificationTask Task => _multiLabel is null ? ClassificationTask.SingleLabel : ClassificationTask.MultiLabel;

    /// <summary>
    /// Gets the decision threshold of each label of a multi-label model, in label order (tuned on the validation split,
    /// 0.5 without one); <see langword="null"/> for a single-label model.
    /// </summary>
    public IReadOnlyList<float>? Thresholds => _multiLabel is null ? null : Array.AsReadOnly(_multiLabel.Thresholds);

    /// <summary>Gets the label names, in the order of the model's outputs.</summary>
    public LabelSet Labels { get; }

    /// <summary>Gets what the model is: kind, labels, creation, validation metrics, the file it came from.</summary>
    public ModelInfo Info { get; }

    /// <summary>Gets the kind of model.</summary>
    public ModelKind Kind => _pipeline.Kind;

    /// <summary>Gets the device the model runs on.</summary>
    public ComputeDevice Device => _pipeline.Device;

    /// <summary>Gets the seed the model was trained with.</summary>
    public int Seed => _manifest.Seed;

    /// <summary>Gets when the model was created (UTC).</summary>
    public DateTimeOffset CreatedUtc => _manifest.CreatedUtc;

    /// <summary>Gets the SentimentKit version that trained the model.</summary>
    public string LibraryVersion => _manifest.LibraryVersion;

    /// <summary>Gets the vocabulary size (recurrent models) or the number of n-gram features (n-gram model).</summary>
    public int FeatureCount => _pipeline.FeatureCount;

    /// <summary>Gets the metrics on the validation set at the end of training, when there was one.</summary>
    public ClassificationMetrics? ValidationMetrics => _manifest.ValidationMetrics;

    /// <summary>
    /// Gets the temperature scaling applied to the probabilities, when the model was calibrated; <see langword="null"/>
    /// for an ensemble, whose members' temperatures and its own are inside it (<see cref="ModelKind.Ensemble"/>).
    /// </summary>
    public TemperatureScaling? Calibration { get; }

    /// <summary>Gets the temperature applied to the logits: 1 when the model is not calibrated.</summary>
    public double Temperature => Calibration?.Temperature ?? 1.0;

    /// <summary>
    /// Gets the leaderboard of the automatic training that chose this model (<see cref="SentimentAutoTrainer"/>), kept in
    /// its file; <see langword="null"/> for a model trained otherwise.
    /// </summary>
    public IReadOnlyList<LeaderboardEntry>? Leaderboard => _manifest.Section<AutoTrainingSection>(AutoSection)?.Leaderboard;

    /// <summary>
    /// Gets the training report; <see langword="null"/> for a model loaded from a file. For an ensemble chosen by
    /// automatic training: its heaviest member's epochs, with the members' features and training time added up.
    /// </summary>
    public TrainingReport? Report { get; }

    /// <summary>Loads a model saved by <see cref="Save"/>, verifying its format version and every checksum first.</summary>
    /// <param name="path">The <c>.skm</c> file.</param>
    /// <param name="device">The device to run on; <see langword="null"/> means <see cref="DevicePreference.Auto"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is corrupt, truncated, of another format version or inconsistent; nothing was loaded.</exception>
    public static SentimentModel Load(string path, DevicePreference? device = null)
    {
        var resolved = TorchBackend.Resolve(device ?? DevicePreference.Auto);
        return Load(ModelArtifactReader.Read(path), resolved);
    }

    /// <summary>Builds the model of verified contents: a file's, or an ensemble member's.</summary>
    internal static SentimentModel Load(ArtifactContents contents, ComputeDevice device)
    {
        var (_, pipeline, calibration) = ModelArtifact.Load(contents, device);
        return new SentimentModel(pipeline, contents.Manifest, calibration, report: null, Path.GetFullPath(contents.Path), contents.FileSha256);
    }

    /// <summary>Saves the model as one <c>.skm</c> file, atomically: a failure leaves any existing file intact.</summary>
    /// <param name="path">The target file.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var lease = _guard.Enter(this);
        ModelArtifact.Save(path, _manifest, _pipeline, Calibration);
    }

    /// <summary>
    /// Exports the model as one self-describing ONNX file (opset 17), atomically: a failure leaves any existing file
    /// intact. The graph's outputs are <c>logits</c> and <c>probabilities</c> (calibrated: the temperature is inside
    /// the graph), float <c>[batch, classes]</c>, with a dynamic batch (and length, for the recurrent and transformer kinds); its
    /// <c>metadata_props</c> hold the labels and the whole text side (normalizer settings, vocabulary or n-gram
    /// features, token limit). The README describes the inputs and the metadata.
    /// </summary>
    /// <param name="path">The target <c>.onnx</c> file.</param>
    /// <exception cref="OnnxExportNotSupportedException">The model's kind has no ONNX export; nothing was written.</exception>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = BuildOnnx();
        AtomicFile.Write(path, model.WriteTo);
    }

    /// <summary>Writes the model as an ONNX file (see <see cref="ExportOnnx(string)"/>) to a stream.</summary>
    /// <param name="stream">The stream; left open.</param>
    /// <exception cref="OnnxExportNotSupportedException">The model's kind has no ONNX export; nothing was written.</exception>
    public void ExportOnnx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        BuildOnnx().WriteTo(stream);
    }

    /// <summary>Creates a predictor over this model. The predictor does not own the model: the model must outlive it.</summary>
    /// <returns>The predictor.</returns>
    public SentimentPredictor CreatePredictor() => new(this, ownsModel: false);

    /// <summary>Predicts one text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The prediction.</returns>
    [Obsolete("Predict through a SentimentPredictor (CreatePredictor(), or SentimentPredictor.Load): one place for Predict, PredictBatch and Explain.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SentimentPrediction.ForTexts([text], Labels.Names, texts => Probabilities(texts), _multiLabel?.Thresholds)[0];
    }

    /// <summary>Computes the metrics of the model on labeled examples.</summary>
    /// <param name="examples">The examples; every label must be one of <see cref="Labels"/>.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The metrics, with calibrated probabilities when the model is calibrated.</returns>
    /// <exception cref="InvalidTrainingDataException">An example's label is not one of the model's, or an example has a label set.</exception>
    /// <exception cref="InvalidOperationException">The model is multi-label: use <see cref="EvaluateMultiLabel"/>.</exception>
    public ClassificationMetrics Evaluate(IEnumerable<TextExample> examples, CancellationToken cancellationToken = default) =>
        Accumulate(examples, cancellationToken).Compute();

    /// <summary>
    /// Computes the multi-label metrics of the model on examples with label sets: micro, macro and weighted F1, per-label
    /// precision, recall, F1, support, ROC-AUC and threshold, Hamming loss, subset accuracy and label ranking average
    /// precision, with the model's calibrated probabilities and its thresholds.
    /// </summary>
    /// <param name="examples">The examples; each carries a label set (the empty set too) of the model's labels.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidTrainingDataException">The model is single-label, an example has one label instead of a set, or a label the model lacks.</exception>
    public MultiLabelEvaluation EvaluateMultiLabel(IEnumerable<TextExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (_multiLabel is null)
        {
            throw new InvalidTrainingDataException("The model was trained single-label (one label per text); multi-label data needs a model trained on label sets.");
        }

        var list = examples as IReadOnlyList<TextExample> ?? [.. examples];
        var truth = LabelSetTargets.For(Labels, list, "example", "model's");
        var probabilities = Probabilities([.. list.Select(e => e.Text)], cancellationToken: cancellationToken);
        return MultiLabelEvaluation.Compute(Labels.Names, truth, Training.MultiLabelHead.Rows(probabilities, Labels.Count), _multiLabel.Thresholds);
    }

    /// <summary>Computes the metrics of the model on labeled examples, with every label's ROC curve.</summary>
    /// <param name="examples">The examples; every label must be one of <see cref="Labels"/>.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The metrics and curves.</returns>
    /// <exception cref="InvalidTrainingDataException">An example's label is not one of the model's.</exception>
    public ModelEvaluation EvaluateDetailed(IEnumerable<TextExample> examples, CancellationToken cancellationToken = default)
    {
        var accumulator = Accumulate(examples, cancellationToken);
        var curves = Labels.Names.Select((name, index) => (name, curve: accumulator.RocCurve(index)))
            .ToDictionary(p => p.name, p => p.curve, StringComparer.Ordinal);
        return new ModelEvaluation(accumulator.Compute(), curves);
    }

    /// <summary>Frees the model's native memory once no call is inside it. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        if (_guard.BeginDispose())
        {
            _pipeline.Dispose();
        }
    }

    private Onnx.OnnxModel BuildOnnx()
    {
        using var lease = _guard.Enter(this);
        return ModelFamilies.For(Kind).ExportOnnx(_pipeline, _manifest, Temperature);
    }

    /// <summary>Gets the model's pipeline (tests look inside it).</summary>
    internal ModelPipeline Pipeline => _pipeline;

    /// <summary>Gets the model's manifest, without its family's section (the pipeline adds it when saving).</summary>
    internal ModelManifest Manifest => _manifest;

    /// <summary>Keeps the leaderboard of the automatic training that chose this model in its manifest.</summary>
    internal void AttachLeaderboard(IReadOnlyList<LeaderboardEntry> entries, TimeSpan budget) =>
        _manifest = _manifest.WithSection(AutoSection, new AutoTrainingSection(budget.TotalSeconds, [.. entries]));

    /// <summary>The multi-label head (thresholds, per-label calibration), or <see langword="null"/> for a single-label model.</summary>
    internal MultiLabelSection? MultiLabelHead => _multiLabel;

    /// <summary>Calibrated probabilities, row-major <c>[count, classes]</c>: a softmax per row, or one sigmoid per label of a multi-label model.</summary>
    internal float[] Probabilities(IReadOnlyList<string> texts, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        using var lease = _guard.Enter(this);
        var logits = _pipeline.Logits(texts, batchSize, cancellationToken);
        return _multiLabel is { } head ? head.Probabilities(logits) : TemperatureScaling.SoftmaxRows(logits, Labels.Count, Temperature);
    }

    /// <summary>The tokens of a text and their attributions toward class <paramref name="target"/>.</summary>
    internal (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target)
    {
        using var lease = _guard.Enter(this);
        return _pipeline.Explain(text, target);
    }

    private MetricsAccumulator Accumulate(IEnumerable<TextExample> examples, CancellationToken cancellationToken) =>
        _multiLabel is not null ? throw new InvalidOperationException("The model is multi-label: evaluate it with EvaluateMultiLabel.") :
        MetricsAccumulator.ForExamples(Labels, examples, texts => Probabilities(texts, cancellationToken: cancellationToken), "model's");
}
