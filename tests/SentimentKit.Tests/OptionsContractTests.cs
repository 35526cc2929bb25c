using System.Reflection;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Scoring;
using SentimentKit.Sequences;
using SentimentKit.Tests.Facade;
using SentimentKit.Text;

namespace SentimentKit.Tests;

/// <summary>
/// One contract for every options type: documented defaults pinned here (a new property fails until it is pinned),
/// a public <c>Validate</c> that reports through <see cref="InvalidOptionsException"/>, and a public <c>Clone</c>
/// that copies deeply enough that editing the copy leaves the original alone.
/// </summary>
public class OptionsContractTests
{
    private const string Nested = "(nested: checked by its own test)";

    // Every public settable property of every options type, with its documented default.
    private static readonly Dictionary<Type, Dictionary<string, object?>> Defaults = new()
    {
        [typeof(TextNormalizerOptions)] = new()
        {
            ["LowerCase"] = true, ["StripHtmlTags"] = true, ["DecodeHtmlEntities"] = true, ["UnicodeNormalization"] = true,
            ["RemoveFormatCharacters"] = true, ["CollapseWhitespace"] = true,
        },
        [typeof(VocabularyOptions)] = new() { ["MinFrequency"] = 1, ["MaxSize"] = null, ["MaxDegreeOfParallelism"] = null },
        [typeof(NGramFeaturizerOptions)] = new()
        {
            ["MaxNGramLength"] = 2, ["MinDocumentFrequency"] = 2, ["MaxFeatures"] = null, ["SublinearTf"] = true,
            ["Weighting"] = NGramWeighting.TfIdf, ["NaiveBayesSmoothing"] = 1.0, ["MaxDegreeOfParallelism"] = null,
        },
        [typeof(WordVectorOptions)] = new() { ["Seed"] = 42, ["InitScale"] = 0.05f, ["LowerCaseFallback"] = true },
        [typeof(DataLoadOptions)] = new()
        {
            ["TextColumn"] = "text", ["LabelColumn"] = "label", ["Split"] = ImdbSplit.Train, ["SkipBadRows"] = false, ["MaxReportedProblems"] = 10,
            ["MaxTextBytes"] = 16 << 20, ["MaxDecompressedBytes"] = 4L << 30, ["TsvQuoting"] = false, ["LabelSeparator"] = null,
        },
        [typeof(PaddingOptions)] = new() { ["PadId"] = 0, ["UnkId"] = 1, ["MaxTokens"] = null, ["Truncation"] = TruncationStrategy.HeadAndTail },
        [typeof(BucketBatchSamplerOptions)] = new() { ["BatchSize"] = 64, ["MaxTokensPerBatch"] = null, ["PoolBatches"] = 50, ["Seed"] = 0 },
        [typeof(RnnClassifierOptions)] = new()
        {
            ["CellType"] = RnnCellType.Lstm, ["VocabularySize"] = 0, ["EmbeddingSize"] = 100, ["HiddenSize"] = 128, ["Layers"] = 2,
            ["Bidirectional"] = true, ["Dropout"] = 0.3, ["EmbeddingDropout"] = 0.0, ["Pooling"] = RnnPooling.Last, ["HeadHiddenSize"] = 128,
            ["HeadDropout"] = 0.3, ["ClassCount"] = 2, ["PadId"] = 0, ["UnkId"] = 1, ["MaxTokens"] = null,
            ["Truncation"] = TruncationStrategy.HeadAndTail, ["PretrainedEmbeddings"] = null, ["FreezeEmbeddings"] = false,
        },
        [typeof(BagOfNgramsClassifierOptions)] = new() { ["FeatureCount"] = 0, ["ClassCount"] = 2 },
        [typeof(TrainerOptions)] = new()
        {
            ["Epochs"] = 5, ["BatchSize"] = 64, ["MaxTokensPerBatch"] = null, ["Batching"] = BatchingStrategy.LengthBucketed,
            ["EvaluationBatchSize"] = 256, ["Optimizer"] = OptimizerKind.Adam, ["LearningRate"] = 1e-3, ["WeightDecay"] = 0.0,
            ["Momentum"] = 0.9, ["Schedule"] = LearningRateScheduleKind.Constant, ["WarmupFraction"] = 0.1, ["PlateauFactor"] = 0.5,
            ["PlateauPatience"] = 1, ["GradientClipNorm"] = 1.0, ["ClassWeighting"] = ClassWeighting.None, ["ClassWeights"] = null,
            ["LabelSmoothing"] = 0.0, ["Seed"] = 42, ["ValidationFraction"] = 0.1, ["ValidationIntervalSteps"] = null,
            ["EarlyStoppingMetric"] = EarlyStoppingMetric.Accuracy, ["EarlyStoppingPatience"] = null, ["RestoreBestWeights"] = true,
            ["CheckpointDirectory"] = null, ["CheckpointsToKeep"] = 2, ["Resume"] = false, ["ProgressIntervalSteps"] = 10,
        },
        [typeof(SentimentTrainerOptions)] = new()
        {
            ["Model"] = Nested, ["Normalizer"] = Nested, ["Trainer"] = Nested, ["Device"] = DevicePreference.Auto, ["CpuThreads"] = null, ["Calibrate"] = true, ["TuneThresholds"] = true, ["CalibrateOnShortTexts"] = false, ["LearningRateFinder"] = null,
        },
        [typeof(AutoTrainerOptions)] = new()
        {
            ["TimeBudget"] = TimeSpan.FromMinutes(5), ["Recipes"] = null, ["DeriveRecipes"] = true, ["EnsembleMembers"] = 3, ["ValidationFraction"] = 0.1, ["Seed"] = 42,
            ["Device"] = DevicePreference.Auto, ["CpuThreads"] = null,
        },
        [typeof(LearningRateFinderOptions)] = new()
        {
            ["MinLearningRate"] = 1e-7, ["MaxLearningRate"] = 10.0, ["Steps"] = 100, ["Smoothing"] = 0.98, ["DivergenceFactor"] = 4.0, ["MinimumDescent"] = 0.02,
        },
        [typeof(RnnModelOptions)] = new() { ["Vocabulary"] = Nested, ["Network"] = Nested, ["PretrainedVectorsPath"] = null },
        [typeof(NGramModelOptions)] = new() { ["Features"] = Nested },
        [typeof(TransformerModelOptions)] = new()
        {
            ["EncoderPath"] = null, ["VocabularyPath"] = null, ["LowerCase"] = null, ["MaxTokens"] = 256, ["TruncationHeadShare"] = 0.25,
            ["Pooling"] = TransformerPooling.Mean, ["EncoderLearningRate"] = 5e-5, ["HiddenDropout"] = 0.1, ["AttentionDropout"] = 0.0, ["HeadDropout"] = 0.1,
        },
        [typeof(WordPieceEncoderOptions)] = new() { ["MaxTokens"] = 512, ["TruncationHeadShare"] = 0.25 },
        [typeof(WordPieceTokenizerOptions)] = new() { ["LowerCase"] = true, ["StripAccents"] = null, ["MaxCharactersPerWord"] = 100 },
        [typeof(BertOnnxImportOptions)] = new() { ["AttentionHeads"] = null, ["LayerNormEpsilon"] = null },
        [typeof(TransformerClassifierOptions)] = new()
        {
            ["VocabularySize"] = 30522, ["HiddenSize"] = 384, ["Layers"] = 6, ["AttentionHeads"] = 12, ["IntermediateSize"] = 1536,
            ["MaxPositions"] = 512, ["TypeVocabularySize"] = 2, ["LayerNormEpsilon"] = 1e-12, ["HiddenDropout"] = 0.1, ["AttentionDropout"] = 0.1,
            ["Pooling"] = TransformerPooling.Mean, ["HeadDropout"] = 0.1, ["ClassCount"] = 2, ["PadId"] = 0, ["UnkId"] = 100,
        },
        [typeof(global::SentimentKit.Onnx.OnnxRuntimeOptions)] = new() { ["IntraOpThreads"] = null, ["BatchSize"] = 256 },
        [typeof(ScoringJobOptions)] = new()
        {
            ["Format"] = ScoringFormat.Auto, ["TextColumn"] = "text", ["IdColumn"] = null, ["TsvQuoting"] = false, ["MaxTextBytes"] = 16 << 20,
            ["ShardSize"] = 1000, ["MaxDegreeOfParallelism"] = 0,
        },
        [typeof(ScoringWorkerOptions)] = new()
        {
            ["LeaseTime"] = TimeSpan.FromSeconds(30), ["MaxDeliveries"] = 3, ["PollInterval"] = TimeSpan.FromMilliseconds(250),
            ["QueueOutageLimit"] = TimeSpan.FromSeconds(60), ["JobWaitTime"] = TimeSpan.FromSeconds(60), ["Name"] = null,
        },
    };

    public static TheoryData<Type> OptionsTypes => [.. Defaults.Keys];

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Constructor_EveryProperty_HasItsDocumentedDefault(Type type)
    {
        var options = Activator.CreateInstance(type)!;
        foreach (var (name, expected) in Defaults[type])
        {
            if (ReferenceEquals(expected, Nested))
            {
                continue;
            }

            type.GetProperty(name)!.GetValue(options).Should().Be(expected, $"{type.Name}.{name} is documented so");
        }
    }

    [Fact]
    public void OptionsTypes_EverySettableProperty_IsPinnedHere()
    {
        var types = new[] { typeof(TextEncoder).Assembly, typeof(SentimentTrainer).Assembly, typeof(global::SentimentKit.Onnx.OnnxRuntimeOptions).Assembly, typeof(ScoringJob).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && !t.IsAbstract && t.IsClass)
            .ToArray();

        types.Should().BeEquivalentTo(Defaults.Keys, "every options type has its defaults pinned");
        foreach (var type in types)
        {
            var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.GetCustomAttribute<ObsoleteAttribute>() is null)
                .Select(p => p.Name);
            settable.Should().BeEquivalentTo(Defaults[type].Keys, $"every settable property of {type.Name} is pinned");
        }
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void ValidateAndClone_ArePublicWithOneContract(Type type)
    {
        var validate = type.GetMethod("Validate", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? type.GetMethod("Validate", BindingFlags.Public | BindingFlags.Instance);
        validate.Should().NotBeNull($"{type.Name} validates");
        validate!.GetCustomAttributes<ObsoleteAttribute>().Should().BeEmpty();
        var clone = type.GetMethod("Clone", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        clone.Should().NotBeNull($"{type.Name} can be copied");
        clone!.ReturnType.Should().Be(type);
    }

    [Fact]
    public void Nested_Defaults_AreTheRecommendedRecipe()
    {
        var trainer = new SentimentTrainerOptions();
        trainer.Model.Should().BeOfType<RnnModelOptions>().Which.Kind.Should().Be(ModelKind.BiLstm);
        trainer.Normalizer.Should().BeEquivalentTo(new TextNormalizerOptions());
        trainer.Trainer.Should().BeEquivalentTo(SentimentTrainerOptions.RecommendedTrainer(ModelKind.BiLstm));

        var rnn = new RnnModelOptions();
        rnn.Vocabulary.Should().BeEquivalentTo(new VocabularyOptions { MinFrequency = 2, MaxSize = 50_000 });
        rnn.Network.Should().BeEquivalentTo(new RnnClassifierOptions
        {
            EmbeddingSize = 128, HiddenSize = 128, Layers = 1, Pooling = RnnPooling.Attention, EmbeddingDropout = 0.25, Dropout = 0.3,
            HeadHiddenSize = 128, HeadDropout = 0.3, MaxTokens = 400,
        });
        new NGramModelOptions().Features.Should().BeEquivalentTo(new NGramFeaturizerOptions());
        var transformer = SentimentTrainerOptions.Recommended(ModelKind.Transformer);
        transformer.Model.Should().BeOfType<TransformerModelOptions>().Which.Should().BeEquivalentTo(new TransformerModelOptions());
        transformer.Trainer.Should().BeEquivalentTo(new TrainerOptions
        {
            Epochs = 3, BatchSize = 16, EvaluationBatchSize = 64, Optimizer = OptimizerKind.AdamW, LearningRate = 1e-3, WeightDecay = 0.01,
            Schedule = LearningRateScheduleKind.WarmupLinear, WarmupFraction = 0.1, GradientClipNorm = 1.0, ValidationFraction = 0.1, EarlyStoppingPatience = 1,
        });
        NGramModelOptions.RecommendedNaiveBayes().Features.Should().BeEquivalentTo(new NGramFeaturizerOptions { MaxNGramLength = 3, Weighting = NGramWeighting.NaiveBayes });
    }

    [Fact]
    public void Clone_SentimentTrainerOptions_CopiesEveryNestedObject()
    {
        var original = SentimentTrainerOptions.Recommended(ModelKind.BiLstm);
        var copy = original.Clone();

        ((RnnModelOptions)copy.Model).Network.HiddenSize = 7;
        ((RnnModelOptions)copy.Model).Vocabulary.MinFrequency = 9;
        copy.Normalizer.LowerCase = false;
        copy.Trainer.Epochs = 99;

        var model = (RnnModelOptions)original.Model;
        model.Network.HiddenSize.Should().Be(128);
        model.Vocabulary.MinFrequency.Should().Be(2);
        original.Normalizer.LowerCase.Should().BeTrue();
        original.Trainer.Epochs.Should().Be(4);
    }

    [Fact]
    public void SentimentTrainer_OptionsEditedAfterConstruction_AreNotSeen()
    {
        var options = TinyReviews.Options(ModelKind.NGrams, epochs: 1);
        var trainer = new SentimentTrainer(options);

        options.Trainer.Epochs = 0;
        ((NGramModelOptions)options.Model).Features.MaxNGramLength = 9;

        trainer.Options.Trainer.Epochs.Should().Be(1);
        using var model = trainer.Train(TinyReviews.Make(40, seed: 1));
        model.Report!.History.Epochs.Should().HaveCount(1);
    }

    [Fact]
    public void Validate_TextAndDataOptions_ReportThroughInvalidOptionsException()
    {
        var vocabulary = () => new VocabularyOptions { MinFrequency = 0, MaxSize = 1 }.Validate();
        var features = () => new NGramFeaturizerOptions { MaxNGramLength = 4, MinDocumentFrequency = 0 }.Validate();

        vocabulary.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(2);
        features.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(2);
    }
}
