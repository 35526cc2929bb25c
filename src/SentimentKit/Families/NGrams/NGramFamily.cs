using System.Globalization;
using System.Text.Json;
using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Families.NGrams;

/// <summary>
/// The n-gram model: an <see cref="NGramFeaturizer"/> fitted on the training texts (TF-IDF or Naive Bayes weights), a
/// <see cref="BagOfNgramsClassifier"/> (multinomial logistic regression), exact gradient × input for explanations.
/// Writes <c>ngrams.json</c> and the manifest section <c>n_grams</c>.
/// </summary>
internal sealed class NGramFamily : ModelFamily
{
    public const string Section = "n_grams";

    // Format version 1 kept the feature count at the top of the manifest.
    private const string Version1FeatureCount = "feature_count";

    public override IReadOnlyList<ModelKind> Kinds { get; } = [ModelKind.NGrams];

    public override IReadOnlyList<TrainingRecipe> Recipes { get; } =
    [
        new("baseline", "TF-IDF uni- and bigram logistic regression", ModelKind.NGrams) { RelativeCost = 1 },
        new("nbsvm", "Naive-Bayes-weighted uni- to trigram logistic regression, the most accurate on long reviews", ModelKind.NGrams)
        {
            Create = SentimentTrainerOptions.RecommendedNaiveBayes,
            RelativeCost = 2,
        },
    ];

    public override ModelOptions RecommendedModel(ModelKind kind) => NGramModelOptions.RecommendedTfIdf();

    // On IMDB the TF-IDF model peaks at epoch 2 and then only memorizes (README).
    public override TrainerOptions RecommendedTrainer(ModelKind kind) => new()
    {
        Epochs = 2,
        BatchSize = 32,
        Optimizer = OptimizerKind.Adam,
        LearningRate = 0.01,
        WeightDecay = 0,
        Schedule = LearningRateScheduleKind.WarmupLinear,
        WarmupFraction = 0.05,
        GradientClipNorm = null,
        ValidationFraction = 0.1,
    };

    // The rules are documented on SentimentTrainerOptions.Recommended(ModelKind, DatasetStatistics) and in the README.
    public override void Adapt(SentimentTrainerOptions options, DatasetStatistics statistics)
    {
        var features = ((NGramModelOptions)options.Model).Features;
        features.MinDocumentFrequency = statistics.Count < SmallDataExamples ? 1 : 2;
        RecipeRules.FitLoop(options.Trainer, statistics, minEpochs: 2, maxEpochs: 4);
    }

    public override string DescribeRecipe(SentimentTrainerOptions options)
    {
        var f = ((NGramModelOptions)options.Model).Features;
        var weighting = f.Weighting == NGramWeighting.NaiveBayes ? "Naive Bayes" : "TF-IDF";
        return string.Create(CultureInfo.InvariantCulture, $"1-{f.MaxNGramLength}-grams {weighting}, min df {f.MinDocumentFrequency}, {options.Trainer.Epochs} epochs");
    }

    public override ModelPipeline Train(FamilyTrainingContext context)
    {
        var options = (NGramModelOptions)context.Options.Model;
        var featurizer = context.TrainTargets is { } labelSets
            ? NGramFeaturizer.FitMultiLabel(context.TrainTexts, labelSets, context.Labels.Count, options.Features, context.Normalizer, WordTokenizer.Instance)
            : NGramFeaturizer.Fit(context.TrainTexts, context.TrainLabels, context.Labels.Count, options.Features, context.Normalizer, WordTokenizer.Instance);
        context.CancellationToken.ThrowIfCancellationRequested();
        var trainDocuments = featurizer.Transform(context.TrainTexts);
        var validDocuments = context.ValidTexts is { } validTexts ? featurizer.Transform(validTexts) : null;
        var module = ModuleSeed.Create(context.Seed, () => new BagOfNgramsClassifier(featurizer.FeatureCount, context.Labels.Count));
        var runner = context.Train(module, trainDocuments, validDocuments, FeatureGradientTimesInput.Instance, featurizer.FeatureCount, 0, featurizer.Transform);
        return new NGramPipeline(featurizer, runner);
    }

    private const int SmallDataExamples = 5_000;

    public override ModelPipeline Load(ArtifactContents artifact, ModelKind kind, ComputeDevice device)
    {
        var manifest = artifact.Manifest;
        var featureCount = manifest.FormatVersion == 1
            ? manifest.Sections?.GetValueOrDefault(Version1FeatureCount) is { ValueKind: JsonValueKind.Number } count ? count.GetInt32() : -1
            : artifact.RequiredSection<NGramSection>(Section, "n-gram settings").FeatureCount;
        Rnn.RnnFamily.CheckTokenizer(artifact);
        var featurizer = NGramFeaturizer.Load(artifact.Open(ArtifactEntries.NGrams), ArtifactEntries.NGrams, WordTokenizer.Instance, new TextNormalizer(manifest.Normalizer));
        if (featureCount != featurizer.FeatureCount)
        {
            throw artifact.Error($"ngrams.json has {featurizer.FeatureCount} features but the manifest says {featureCount}.");
        }

        if ((long)featurizer.FeatureCount * manifest.Labels.Count * sizeof(float) > artifact.Length(ArtifactEntries.Weights))
        {
            throw artifact.Error("weights.bin is smaller than the model it must hold.");
        }

        if (JsonSerializer.Serialize(featurizer.Normalizer.Options) != JsonSerializer.Serialize(manifest.Normalizer))
        {
            // Files before format 2 kept the settings in ngrams.json too; they must agree with the manifest.
            throw artifact.Error("the normalizer settings of ngrams.json and the manifest differ.");
        }

        var runner = new ClassifierRunner<SparseDocument>(new BagOfNgramsClassifier(featurizer.FeatureCount, manifest.Labels.Count), device, FeatureGradientTimesInput.Instance);
        return new NGramPipeline(featurizer, runner).WithWeights(artifact);
    }

    public override OnnxModel ExportOnnx(ModelPipeline pipeline, ModelManifest manifest, double temperature)
    {
        var entries = pipeline.EntryBytes().ToDictionary(e => e.Name, e => e.Bytes, StringComparer.Ordinal);
        return SentimentOnnxExport.NGrams(manifest, SentimentOnnxExport.ReadWeights(entries[ArtifactEntries.Weights]), entries[ArtifactEntries.NGrams], temperature);
    }
}
