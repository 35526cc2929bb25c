using System.Globalization;
using System.Text.Json;
using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Families.Rnn;

/// <summary>
/// The recurrent models: a word vocabulary fitted on the training texts, an <see cref="RnnClassifier"/>, integrated
/// gradients for explanations. Writes <c>vocab.json</c> and the manifest section <c>rnn</c> (the network's options).
/// </summary>
internal sealed class RnnFamily : ModelFamily
{
    public const string Section = "rnn";

    public override IReadOnlyList<ModelKind> Kinds { get; } = [ModelKind.BiLstm, ModelKind.Gru];

    public override IReadOnlyList<TrainingRecipe> Recipes { get; } =
    [
        new("bilstm", "a bidirectional LSTM with attention pooling", ModelKind.BiLstm) { RelativeCost = 20 },
        new("gru", "a bidirectional GRU with attention pooling", ModelKind.Gru) { RelativeCost = 15 },
    ];

    public override ModelOptions RecommendedModel(ModelKind kind) => RnnModelOptions.Recommended(kind);

    public override TrainerOptions RecommendedTrainer(ModelKind kind) => new()
    {
        Epochs = 4,
        BatchSize = 64,
        Optimizer = OptimizerKind.Adam,
        LearningRate = 2e-3,
        Schedule = LearningRateScheduleKind.WarmupCosine,
        WarmupFraction = 0.05,
        GradientClipNorm = 1.0,
        ValidationFraction = 0.1,
    };

    // The rules are documented on SentimentTrainerOptions.Recommended(ModelKind, DatasetStatistics) and in the README.
    public override void Adapt(SentimentTrainerOptions options, DatasetStatistics statistics)
    {
        var model = (RnnModelOptions)options.Model;
        var network = model.Network;
        network.MaxTokens = Math.Clamp(RoundUp(statistics.TokenLengthP95, 8), MinMaxTokens, MaxMaxTokens);
        model.Vocabulary.MinFrequency = statistics.TokenCount >= LargeCorpusTokens ? 3 : 2;
        model.Vocabulary.MaxSize = Math.Clamp((int)(statistics.TokenCount / TokensPerVocabularyEntry) / 1000 * 1000, MinVocabulary, MaxVocabulary);
        if (statistics.Count < SmallDataExamples)
        {
            network.EmbeddingSize = 64;
            network.HiddenSize = 64;
            network.HeadHiddenSize = 64;
            network.EmbeddingDropout = 0.4;
            network.Dropout = 0.4;
            network.HeadDropout = 0.5;
        }

        RecipeRules.FitLoop(options.Trainer, statistics, minEpochs: 4, maxEpochs: 12);
    }

    public override string DescribeRecipe(SentimentTrainerOptions options)
    {
        var model = (RnnModelOptions)options.Model;
        var n = model.Network;
        return string.Create(CultureInfo.InvariantCulture, $"{n.HiddenSize} wide, dropout {n.Dropout}, {n.MaxTokens} tokens, {options.Trainer.Epochs} epochs");
    }

    public override ModelPipeline Train(FamilyTrainingContext context)
    {
        var options = (RnnModelOptions)context.Options.Model;
        var encoder = TextEncoder.Fit(context.TrainTexts, options.Vocabulary, context.Normalizer, WordTokenizer.Instance);
        var network = options.Network.Clone();
        network.CellType = options.Kind == ModelKind.Gru ? RnnCellType.Gru : RnnCellType.Lstm;
        network.VocabularySize = encoder.Vocabulary.Count;
        network.ClassCount = context.Labels.Count;
        network.PadId = Vocabulary.PadId;
        network.UnkId = Vocabulary.UnkId;
        if (options.PretrainedVectorsPath is { } vectorsPath)
        {
            var vectors = WordVectors.LoadAligned(vectorsPath, encoder.Vocabulary, new WordVectorOptions { Seed = context.Seed });
            network.PretrainedEmbeddings = vectors.Matrix;
            network.EmbeddingSize = vectors.Dimension;
            Log.PretrainedVectorsLoaded(context.Logger, vectorsPath, vectors.Coverage);
        }

        var trainIds = context.Encode(context.TrainTexts, t => encoder.Encode(t));
        var validIds = context.ValidTexts is { } validTexts ? context.Encode(validTexts, t => encoder.Encode(t)) : null;
        var module = ModuleSeed.Create(context.Seed, () => new RnnClassifier(network));
        var stored = network.Clone();
        stored.PretrainedEmbeddings = null;
        var runner = context.Train(
            module, trainIds, validIds, IntegratedGradients.Instance, encoder.Vocabulary.Count, OutOfVocabularyRate(trainIds), texts => context.Encode(texts, t => encoder.Encode(t)));
        return new RnnPipeline(options.Kind, encoder, stored, runner);
    }

    public override ModelPipeline Load(ArtifactContents artifact, ModelKind kind, ComputeDevice device)
    {
        var manifest = artifact.Manifest;
        var stored = artifact.RequiredSection<RnnClassifierOptions>(Section, "RNN options");
        var expectedCell = kind == ModelKind.Gru ? RnnCellType.Gru : RnnCellType.Lstm;
        if (stored.CellType != expectedCell)
        {
            throw artifact.Error($"the manifest says {kind} but its cell is {stored.CellType}.");
        }

        // Sizes from the file are checked against bounds and against the weights entry before anything is allocated for them.
        if (stored.EmbeddingSize is < 1 or > 4096 || stored.HiddenSize is < 1 or > 8192 || stored.HeadHiddenSize is < 1 or > 8192
            || stored.Layers is < 1 or > 16 || stored.VocabularySize is < 2 or > 10_000_000
            || (long)stored.VocabularySize * stored.EmbeddingSize * sizeof(float) > artifact.Length(ArtifactEntries.Weights))
        {
            throw artifact.Error("the RNN sizes in the manifest are out of range or larger than weights.bin.");
        }

        if (stored.ClassCount != manifest.Labels.Count)
        {
            throw artifact.Error($"the model has {stored.ClassCount} classes but the manifest lists {manifest.Labels.Count} labels.");
        }

        CheckTokenizer(artifact);
        var vocabulary = Vocabulary.Load(artifact.Open(ArtifactEntries.Vocabulary), ArtifactEntries.Vocabulary);
        if (vocabulary.Count != stored.VocabularySize)
        {
            throw artifact.Error($"vocab.json has {vocabulary.Count} tokens but the model was built for {stored.VocabularySize}.");
        }

        var encoder = new TextEncoder(vocabulary, new TextNormalizer(manifest.Normalizer), WordTokenizer.Instance);
        var runner = new ClassifierRunner<int[]>(new RnnClassifier(stored), device, IntegratedGradients.Instance);
        return new RnnPipeline(kind, encoder, stored, runner).WithWeights(artifact);
    }

    /// <summary>
    /// Exports through the manifest section the pipeline writes, exactly as the libtorch-free runtime reads a
    /// <c>.skm</c>: one path from the stored options to the graph.
    /// </summary>
    public override OnnxModel ExportOnnx(ModelPipeline pipeline, ModelManifest manifest, double temperature)
    {
        var (described, section, entries) = Stored<RnnManifestSection>(pipeline, manifest, Section);
        return SentimentOnnxExport.Rnn(described, section, SentimentOnnxExport.ReadWeights(entries[ArtifactEntries.Weights]), entries[ArtifactEntries.Vocabulary], temperature);
    }

    /// <summary>The word tokenizer is the only one these models were ever trained with.</summary>
    internal static void CheckTokenizer(ArtifactContents artifact)
    {
        if (!string.Equals(artifact.Manifest.Tokenizer, "word", StringComparison.Ordinal))
        {
            throw artifact.Error($"it uses tokenizer '{artifact.Manifest.Tokenizer}'; this library knows 'word'.");
        }
    }

    private const int MinMaxTokens = 32;
    private const int MaxMaxTokens = 400;
    private const long LargeCorpusTokens = 20_000_000;
    private const long TokensPerVocabularyEntry = 100;
    private const int MinVocabulary = 10_000;
    private const int MaxVocabulary = 50_000;
    private const int SmallDataExamples = 5_000;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static double OutOfVocabularyRate(int[][] ids)
    {
        long unknown = 0, total = 0;
        foreach (var sequence in ids)
        {
            total += sequence.Length;
            foreach (var id in sequence)
            {
                unknown += id == Vocabulary.UnkId ? 1 : 0;
            }
        }

        return total == 0 ? 0 : (double)unknown / total;
    }
}
