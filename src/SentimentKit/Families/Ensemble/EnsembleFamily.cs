using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Families.Ensemble;

/// <summary>
/// Ensembles of trained models of the other families (<see cref="ModelKind.Ensemble"/>): not trained from options but
/// built by <see cref="SentimentAutoTrainer"/> from its finished candidates, so this family has no recipes; it reads
/// and writes the file (the section <c>ensemble</c>, each member's entries under its prefix) and refuses an ONNX export
/// with the default typed error (an ensemble is several graphs; the ONNX runtime scores its <c>.skm</c>).
/// </summary>
internal sealed class EnsembleFamily : ModelFamily
{
    public override IReadOnlyList<ModelKind> Kinds { get; } = [ModelKind.Ensemble];

    public override IReadOnlyList<TrainingRecipe> Recipes { get; } = [];

    public override ModelOptions RecommendedModel(ModelKind kind) => throw NotFromOptions(kind);

    public override TrainerOptions RecommendedTrainer(ModelKind kind) => throw NotFromOptions(kind);

    // No options object has the ensemble's kind (every ModelOptions belongs to another family), so these are never reached.
    public override void Adapt(SentimentTrainerOptions options, DatasetStatistics statistics) => throw NotFromOptions(options.Kind);

    public override string DescribeRecipe(SentimentTrainerOptions options) => throw NotFromOptions(options.Kind);

    public override ModelPipeline Train(FamilyTrainingContext context) => throw NotFromOptions(context.Options.Kind);

    public override ModelPipeline Load(ArtifactContents artifact, ModelKind kind, ComputeDevice device)
    {
        var (section, members) = artifact.Ensemble();
        var models = new List<SentimentModel>(members.Count);
        try
        {
            foreach (var member in members)
            {
                models.Add(SentimentModel.Load(member, device));
            }

            var ensemble = new SentimentEnsemble(models, section.Members.Select(m => m.Weight), ownsModels: true);
            return new EnsemblePipeline(ensemble, section.Temperature, [.. section.Members.Select(m => m.Recipe)]);
        }
        catch
        {
            models.ForEach(m => m.Dispose());
            throw;
        }
    }

    private static ArgumentOutOfRangeException NotFromOptions(ModelKind kind) =>
        new(nameof(kind), kind, "An ensemble is not trained from options: SentimentAutoTrainer builds one from its finished candidates (or combine trained models with SentimentEnsemble).");
}
