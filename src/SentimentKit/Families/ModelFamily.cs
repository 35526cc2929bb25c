using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Onnx;

namespace SentimentKit.Families;

/// <summary>
/// Everything one family of models owns, in one place: its kinds and recipes, its recommended options, fitting its
/// text side and training its module (<see cref="Train"/>), and reading its part of a model file back
/// (<see cref="Load"/>); the pipeline it returns owns encoding, scoring, attributions and the entries it writes.
/// The facade, the artifact and the command line find families through <see cref="ModelFamilies"/>.
/// </summary>
internal abstract class ModelFamily
{
    /// <summary>Gets the kinds this family builds.</summary>
    public abstract IReadOnlyList<ModelKind> Kinds { get; }

    /// <summary>Gets the named recipes of this family, as <c>--model</c> offers them.</summary>
    public abstract IReadOnlyList<TrainingRecipe> Recipes { get; }

    /// <summary>The recommended model options of a kind.</summary>
    public abstract ModelOptions RecommendedModel(ModelKind kind);

    /// <summary>The recommended training-loop options of a kind.</summary>
    public abstract TrainerOptions RecommendedTrainer(ModelKind kind);

    /// <summary>
    /// Fits a recommended recipe of this family (<paramref name="options"/>, changed in place) to a training set's
    /// statistics; on IMDB-sized data of long reviews it leaves the recipe as it is.
    /// </summary>
    public abstract void Adapt(SentimentTrainerOptions options, DatasetStatistics statistics);

    /// <summary>A recipe's main settings in a few words, for the leaderboard of automatic training.</summary>
    public abstract string DescribeRecipe(SentimentTrainerOptions options);

    /// <summary>Fits the text side on the training texts, builds the module and trains it.</summary>
    public abstract ModelPipeline Train(FamilyTrainingContext context);

    /// <summary>Builds a trained pipeline from a verified model file; a <see cref="ModelFormatException"/> when its parts do not fit together.</summary>
    public abstract ModelPipeline Load(ArtifactContents artifact, ModelKind kind, ComputeDevice device);

    /// <summary>
    /// The trained pipeline as a self-describing ONNX graph (logits and calibrated probabilities, the text side in
    /// its metadata). A family whose network has no ONNX graph yet keeps this default, which refuses with a typed
    /// error; a family that exports overrides it (see <see cref="SentimentOnnxExport"/>).
    /// </summary>
    /// <param name="pipeline">A pipeline of this family.</param>
    /// <param name="manifest">The model's manifest, without the family's section (<see cref="ModelPipeline.Describe"/> adds it).</param>
    /// <param name="temperature">The calibration temperature applied inside the graph; 1 when uncalibrated.</param>
    /// <exception cref="OnnxExportNotSupportedException">This family cannot export.</exception>
    public virtual OnnxModel ExportOnnx(ModelPipeline pipeline, ModelManifest manifest, double temperature) =>
        throw new OnnxExportNotSupportedException(pipeline.Kind);

    /// <summary>
    /// What an export reads, as the libtorch-free runtime reads a <c>.skm</c>: the manifest with the section the
    /// pipeline writes, that section read back, and the entries' bytes — one path from the stored options to the graph.
    /// </summary>
    protected static (ModelManifest Manifest, TSection Section, Dictionary<string, byte[]> Entries) Stored<TSection>(ModelPipeline pipeline, ModelManifest manifest, string sectionName)
        where TSection : class
    {
        var described = pipeline.Describe(manifest);
        var section = described.Section<TSection>(sectionName)
            ?? throw new InvalidOperationException($"The {pipeline.Kind} pipeline wrote no manifest section '{sectionName}'.");
        return (described, section, pipeline.EntryBytes().ToDictionary(e => e.Name, e => e.Bytes, StringComparer.Ordinal));
    }
}
