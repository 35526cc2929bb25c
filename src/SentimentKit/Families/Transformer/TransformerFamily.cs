using System.Globalization;
using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Text;
using SentimentKit.Training;
using TorchSharp.Modules;

namespace SentimentKit.Families.Transformer;

/// <summary>
/// The fine-tuned transformers: a pretrained BERT-family encoder read from ONNX (<see cref="BertOnnxImport"/>) with a
/// new classification head, WordPiece with the encoder's vocabulary, integrated gradients merged per word for
/// explanations. Writes <c>vocab.txt</c> (the vocabulary), the weights (encoder and head), the manifest section
/// <c>transformer</c> and the tokenizer <c>wordpiece</c>: the model file needs nothing else at load time.
/// </summary>
internal sealed class TransformerFamily : ModelFamily
{
    public const string Section = TransformerManifestSection.Name;

    public const string Tokenizer = TransformerManifestSection.Tokenizer;

    public override IReadOnlyList<ModelKind> Kinds { get; } = [ModelKind.Transformer];

    public override IReadOnlyList<TrainingRecipe> Recipes { get; } =
    [
        new("transformer", "a pretrained encoder (all-MiniLM-L6-v2 unless --encoder) fine-tuned, the most accurate on short texts and few labels; slow on a CPU", ModelKind.Transformer),
    ];

    public override ModelOptions RecommendedModel(ModelKind kind) => TransformerModelOptions.Recommended();

    // The usual BERT fine-tuning recipe (Devlin et al. 2019; Sun et al. 2019): AdamW with decay 0.01, linear warm-up
    // over the first tenth then linear decay, clipping at 1; the head at 1e-3 and the encoder at
    // TransformerModelOptions.EncoderLearningRate. A pretrained encoder overfits a small set within a few epochs:
    // validation keeps the best epoch.
    public override TrainerOptions RecommendedTrainer(ModelKind kind) => new()
    {
        Epochs = 3,
        BatchSize = 16,
        EvaluationBatchSize = 64,
        Optimizer = OptimizerKind.AdamW,
        LearningRate = 1e-3,
        WeightDecay = 0.01,
        Schedule = LearningRateScheduleKind.WarmupLinear,
        WarmupFraction = 0.1,
        GradientClipNorm = 1.0,
        ValidationFraction = 0.1,
        EarlyStoppingPatience = 1,
        RestoreBestWeights = true,
    };

    // Word pieces per word: about 1.3 for English reviews with this vocabulary; two more for [CLS] and [SEP].
    private const double PiecesPerWord = 1.3;

    /// <summary>
    /// Fits the fine-tuning recipe to the data: the token limit shrinks to what 95% of the texts need (never above the
    /// recommended limit, which long reviews reach anyway), and a pretrained encoder needs few epochs — three, with
    /// early stopping on the validation split; the learning rates stay (they suit the encoder, not the data).
    /// </summary>
    public override void Adapt(SentimentTrainerOptions options, DatasetStatistics statistics)
    {
        var model = (TransformerModelOptions)options.Model;
        var needed = (int)Math.Ceiling((statistics.TokenLengthP95 * PiecesPerWord) + 2);
        model.MaxTokens = Math.Clamp((needed + 15) / 16 * 16, 32, model.MaxTokens);
        options.Trainer.EarlyStoppingPatience = RecipeRules.EarlyStoppingPatience;
        options.Trainer.RestoreBestWeights = true;
    }

    public override string DescribeRecipe(SentimentTrainerOptions options)
    {
        var model = (TransformerModelOptions)options.Model;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Path.GetFileName(model.EncoderPath ?? "MiniLM")}, {model.MaxTokens} tokens, encoder LR {model.EncoderLearningRate:G2}, {options.Trainer.Epochs} epochs");
    }

    public override ModelPipeline Train(FamilyTrainingContext context)
    {
        var options = (TransformerModelOptions)context.Options.Model;
        var pretrained = BertOnnxImport.Read(options.EncoderPath!, options.VocabularyPath!);
        var network = pretrained.CreateOptions(context.Labels.Count);
        if (options.MaxTokens > network.MaxPositions)
        {
            throw new InvalidOptionsException($"{nameof(TransformerModelOptions)}.{nameof(TransformerModelOptions.MaxTokens)} ({options.MaxTokens}) is more than the {network.MaxPositions} positions of the encoder {options.EncoderPath}.");
        }

        network.Pooling = options.Pooling;
        network.HiddenDropout = options.HiddenDropout;
        network.AttentionDropout = options.AttentionDropout;
        network.HeadDropout = options.HeadDropout;
        var section = new TransformerManifestSection
        {
            Network = TransformerNetworks.ToSection(network),
            LowerCase = options.LowerCase ?? TransformerText.IsUncased(pretrained.Vocabulary),
            MaxTokens = options.MaxTokens,
            TruncationHeadShare = options.TruncationHeadShare,
            Encoder = Path.GetFileName(options.EncoderPath!),
        };
        var text = section.CreateText(context.Options.Normalizer, pretrained.Vocabulary);
        var trainIds = context.Encode(context.TrainTexts, text.EncodeIds);
        var validIds = context.ValidTexts is { } validTexts ? context.Encode(validTexts, text.EncodeIds) : null;
        var module = ModuleSeed.Create(context.Seed, () => pretrained.CreateClassifier(network));
        var encoderScale = options.EncoderLearningRate / context.Options.Trainer.LearningRate;
        var runner = context.Train(
            module, trainIds, validIds, IntegratedGradients.Instance, pretrained.Vocabulary.Count, UnknownRate(trainIds, pretrained.Vocabulary.UnkId),
            texts => context.Encode(texts, text.EncodeIds), () => Groups(module, encoderScale));
        return new TransformerPipeline(text, section, runner);
    }

    public override ModelPipeline Load(ArtifactContents artifact, ModelKind kind, ComputeDevice device)
    {
        var (section, vocabulary) = TransformerManifestSection.Read(artifact);
        var network = TransformerNetworks.ToOptions(section.Network);
        network.Validate();
        var text = section.CreateText(artifact.Manifest.Normalizer, vocabulary);
        var runner = new ClassifierRunner<int[]>(new TransformerClassifier(network), device, IntegratedGradients.Instance);
        return new TransformerPipeline(text, section, runner).WithWeights(artifact);
    }

    /// <summary>
    /// Exports through the manifest section the pipeline writes, exactly as the libtorch-free runtime reads a
    /// <c>.skm</c>: one path from the stored options to the graph.
    /// </summary>
    public override OnnxModel ExportOnnx(ModelPipeline pipeline, ModelManifest manifest, double temperature)
    {
        var (described, section, entries) = Stored<TransformerManifestSection>(pipeline, manifest, Section);
        return SentimentOnnxExport.Transformer(described, section, SentimentOnnxExport.ReadWeights(entries[ArtifactEntries.Weights]), entries[ArtifactEntries.WordPieceVocabulary], temperature);
    }

    // Four groups: the encoder at its own rate and the head at the trainer's, each split so that biases and layer norms
    // are not decayed (BERT's recipe).
    private static List<ParameterGroup> Groups(TransformerClassifier module, double encoderScale)
    {
        var groups = new Dictionary<(bool Encoder, bool Decay), List<Parameter>>();
        foreach (var (name, parameter) in module.named_parameters())
        {
            var key = (name.StartsWith(TransformerClassifier.EncoderPrefix, StringComparison.Ordinal),
                !(name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal)));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(parameter);
        }

        return [.. groups.Select(g => new ParameterGroup(g.Value, g.Key.Encoder ? encoderScale : 1, g.Key.Decay))];
    }

    private static double UnknownRate(int[][] ids, int unkId)
    {
        long unknown = 0, total = 0;
        foreach (var sequence in ids)
        {
            // [CLS] and [SEP] are not the text's.
            total += Math.Max(0, sequence.Length - 2);
            unknown += sequence.Count(id => id == unkId);
        }

        return total == 0 ? 0 : (double)unknown / total;
    }
}
