using SentimentKit.Evaluation;

namespace SentimentKit;

/// <summary>What a loaded or trained model is: what a health check, a <c>/model</c> endpoint or a log line shows.</summary>
public sealed record ModelInfo
{
    /// <summary>Gets the kind of model.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>Gets the label names, in output order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Gets when the model was created (UTC).</summary>
    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Gets the SentimentKit version that trained the model.</summary>
    public required string LibraryVersion { get; init; }

    /// <summary>Gets the seed the model was trained with.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the temperature applied to the logits: 1 when the model is not calibrated.</summary>
    public required double Temperature { get; init; }

    /// <summary>Gets whether the model predicts one label per text or a set of labels.</summary>
    /// <value>The default value is <see cref="ClassificationTask.SingleLabel"/>.</value>
    public ClassificationTask Task { get; init; } = ClassificationTask.SingleLabel;

    /// <summary>
    /// Gets the decision threshold of each label of a multi-label model, in label order (chosen on the validation split to
    /// maximize each label's F1, 0.5 without one); <see langword="null"/> for a single-label model.
    /// </summary>
    public IReadOnlyList<float>? Thresholds { get; init; }

    /// <summary>Gets the metrics on the validation set at the end of training, when there was one (single-label models).</summary>
    public ClassificationMetrics? ValidationMetrics { get; init; }

    /// <summary>Gets the file the model was loaded from, or <see langword="null"/> for a model trained in this process.</summary>
    public string? Path { get; init; }

    /// <summary>Gets the SHA-256 of the model file (lower-case hex), or <see langword="null"/> when not loaded from a file.</summary>
    public string? FileSha256 { get; init; }

    /// <summary>Gets what scores the model: <c>torch</c> (TorchSharp) or <c>onnx</c> (ONNX Runtime, or managed code for n-grams).</summary>
    public required string Runtime { get; init; }

    /// <summary>What a model file's manifest says of the model, with what only the runtime that reads it knows.</summary>
    internal static ModelInfo Of(
        Artifacts.ModelManifest manifest, ModelKind kind, double temperature, IReadOnlyList<float>? thresholds, string? path, string? fileSha256, string runtime) => new()
    {
        Kind = kind,
        Labels = manifest.Labels,
        CreatedUtc = manifest.CreatedUtc,
        LibraryVersion = manifest.LibraryVersion,
        Seed = manifest.Seed,
        Temperature = temperature,
        ValidationMetrics = manifest.ValidationMetrics,
        Path = path,
        FileSha256 = fileSha256,
        Runtime = runtime,
        Task = manifest.ClassificationTask,
        Thresholds = thresholds,
    };
}
