using System.Globalization;
using SentimentKit.Artifacts;
using SentimentKit.Devices;
using SentimentKit.Evaluation;
using SentimentKit.Families.NGrams;
using SentimentKit.Families.Rnn;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Text;
using SentimentKit.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace SentimentKit.Tests.Onnx;

/// <summary>
/// The libtorch-free runtime against TorchSharp, predictor to predictor: models with random weights saved as
/// <c>.skm</c>, loaded by both runtimes (and the exported <c>.onnx</c> by the ONNX one), the same texts scored.
/// </summary>
public sealed partial class OnnxRuntimeParityTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-5;
    private static readonly string[] Words = ["great", "awful", "film", "plot", "the", "a", "loved", "boring", "actors", "story", "wonderful", "waste", "it", "was", "and"];
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private readonly string _folder = Directory.CreateTempSubdirectory("sentimentkit-onnx-parity").FullName;

    public static TheoryData<RnnCellType, RnnPooling, int, bool> EveryConfiguration()
    {
        var data = new TheoryData<RnnCellType, RnnPooling, int, bool>();
        foreach (var cell in new[] { RnnCellType.Lstm, RnnCellType.Gru })
        {
            foreach (var pooling in Enum.GetValues<RnnPooling>())
            {
                foreach (var layers in new[] { 1, 2 })
                {
                    foreach (var bidirectional in new[] { false, true })
                    {
                        data.Add(cell, pooling, layers, bidirectional);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryConfiguration))]
    public void RnnModel_EveryConfiguration_OnnxRuntimePredictsAsTorchSharp(RnnCellType cell, RnnPooling pooling, int layers, bool bidirectional)
    {
        var seed = 300 + ((int)cell * 100) + ((int)pooling * 10) + (layers * 2) + (bidirectional ? 1 : 0);
        // Every other configuration is calibrated and has a token limit (with the head-and-tail truncation).
        var calibrated = (seed & 1) == 0;
        using var model = RnnModel(cell, pooling, layers, bidirectional, maxTokens: calibrated ? 12 : null, temperature: calibrated ? 1.7 : null, seed);

        var difference = CompareEverySource(model, $"{cell}-{pooling}-{layers}-{bidirectional}");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cell} {pooling} layers={layers} {(bidirectional ? "bi" : "uni")}: max |Δp| {difference:E2}"));
        difference.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Fact]
    public void NGramModel_ManagedScoringAndExplanations_AsTorchSharp()
    {
        using var model = NGramModel(seed: 11);

        var difference = CompareEverySource(model, "ngrams");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"n-grams: max |Δp| {difference:E2}"));
        difference.Should().BeLessThanOrEqualTo(Tolerance);
        using var torchPredictor = model.CreatePredictor();
        using var onnx = OnnxSentimentPredictor.Load(Path.Combine(_folder, "ngrams.onnx"));
        onnx.CanExplain.Should().BeTrue();
        foreach (var text in new[] { "the film was great and the actors were wonderful", "", "boring boring plot", "unknownword" })
        {
            var expected = torchPredictor.Explain(text);
            var actual = onnx.Explain(text);
            actual.Prediction.Label.Should().Be(expected.Prediction.Label);
            actual.Tokens.Select(t => t.Token).Should().Equal(expected.Tokens.Select(t => t.Token));
            for (var i = 0; i < expected.Tokens.Count; i++)
            {
                actual.Tokens[i].Attribution.Should().BeApproximately(expected.Tokens[i].Attribution, Tolerance);
            }
        }
    }

    [Fact]
    public void RnnModel_OnnxRuntime_CannotExplainButSaysSo()
    {
        using var model = RnnModel(RnnCellType.Lstm, RnnPooling.Attention, 1, true, null, null, 5);
        var path = Path.Combine(_folder, "explain.skm");
        model.Save(path);
        using var predictor = new OnnxPredictorLoader().Load(path);

        predictor.CanExplain.Should().BeFalse();
        predictor.Info.Runtime.Should().Be("onnx");
        predictor.Invoking(p => p.Explain("great")).Should().Throw<NotSupportedException>().WithMessage("*TorchSharp runtime*");
    }

    [Fact]
    public void Load_DamagedOnnxFiles_ModelFormatExceptionWithOneLineReason()
    {
        using var model = RnnModel(RnnCellType.Gru, RnnPooling.Mean, 1, false, null, null, 6);
        var good = Path.Combine(_folder, "good.onnx");
        model.ExportOnnx(good);
        var bytes = File.ReadAllBytes(good);

        var truncated = Write("truncated.onnx", bytes[..(bytes.Length / 2)]);
        var opset = OnnxModel.Read(bytes);
        opset.OpsetImports[0] = opset.OpsetImports[0] with { Version = 99 };
        var unknownOpset = Write("opset.onnx", opset.ToByteArray());
        var inputs = OnnxModel.Read(bytes);
        inputs.Graph.Inputs[0] = new OnnxValueInfo(inputs.Graph.Inputs[0].Name, OnnxDataType.Float, inputs.Graph.Inputs[0].Shape);
        var mismatched = Write("inputs.onnx", inputs.ToByteArray());
        var foreign = OnnxModel.Read(bytes);
        foreign.Metadata.Clear();
        var notOurs = Write("foreign.onnx", foreign.ToByteArray());

        foreach (var (path, reason) in new[] { (truncated, "Truncated ONNX"), (unknownOpset, "unknown opset"), (mismatched, "mismatched inputs"), (notOurs, "not a SentimentKit export") })
        {
            var load = () => OnnxSentimentPredictor.Load(path);
            var error = load.Should().Throw<ModelFormatException>().Which;
            error.Message.Should().Contain(reason).And.NotContain("\n");
            error.Path.Should().Be(path);
        }
    }

    [Fact]
    public void ExportOnnx_MetadataDescribesTheTextSide()
    {
        using var model = RnnModel(RnnCellType.Lstm, RnnPooling.Last, 1, true, maxTokens: 9, temperature: 2.5, seed: 8);
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);

        var onnx = OnnxModel.Read(stream.ToArray());

        onnx.Metadata[OnnxMetadata.Labels].Should().Be("[\"negative\",\"neutral\",\"positive\"]");
        onnx.Metadata[OnnxMetadata.Temperature].Should().Be("2.5");
        onnx.Metadata[OnnxMetadata.MaxTokens].Should().Be("9");
        onnx.Metadata[OnnxMetadata.Truncation].Should().Be("head_and_tail");
        onnx.Metadata[OnnxMetadata.ModelKind].Should().Be("bi_lstm");
        onnx.Metadata[OnnxMetadata.Vocabulary].Should().Contain("\"entries\"");
        onnx.Graph.Inputs.Select(i => i.Name).Should().Equal("ids", "lengths");
        onnx.Graph.Outputs.Select(o => o.Name).Should().BeEquivalentTo("logits", "probabilities");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Texts of every shape: one token, empty, padded tails in one batch, one text alone, a batch of 64, longer than any limit.</summary>
    private static List<string[]> Batches()
    {
        var random = new Random(17);
        string Text(int length) => string.Join(' ', Enumerable.Range(0, length).Select(_ => random.Next(8) == 0 ? "unseen" : Words[random.Next(Words.Length)]));
        return
        [
            ["great"],
            [""],
            ["loved it", Text(1), Text(7), Text(3), "", Text(20)],
            [Text(30)],
            [.. Enumerable.Range(0, 64).Select(i => Text(1 + (i % 23)))],
        ];
    }

    /// <summary>The largest probability difference between TorchSharp and the ONNX runtime (from the .skm and from the .onnx) over every batch; labels must agree.</summary>
    private double CompareEverySource(SentimentModel model, string name, List<string[]>? batches = null)
    {
        var skm = Path.Combine(_folder, name + ".skm");
        var onnx = Path.Combine(_folder, name + ".onnx");
        model.Save(skm);
        model.ExportOnnx(onnx);
        using var torchPredictor = SentimentPredictor.Load(skm, DevicePreference.Cpu);
        using var fromSkm = OnnxSentimentPredictor.Load(skm, new OnnxRuntimeOptions { IntraOpThreads = 1 });
        using var fromOnnx = new OnnxPredictorLoader(new OnnxRuntimeOptions { IntraOpThreads = 1, BatchSize = 16 }).Load(onnx);
        fromSkm.Info.Temperature.Should().Be(torchPredictor.Info.Temperature);
        fromOnnx.Info.Temperature.Should().Be(torchPredictor.Info.Temperature);
        fromOnnx.Labels.Should().Equal(model.Labels.Names);
        var largest = 0.0;
        foreach (var batch in batches ?? Batches())
        {
            var expected = torchPredictor.PredictBatch(batch);
            foreach (var runtime in new ISentimentPredictor[] { fromSkm, fromOnnx })
            {
                var actual = runtime.PredictBatch(batch);
                actual.Select(p => p.Label).Should().Equal(expected.Select(p => p.Label));
                for (var i = 0; i < batch.Length; i++)
                {
                    foreach (var label in model.Labels.Names)
                    {
                        largest = Math.Max(largest, Math.Abs(actual[i].Probabilities[label] - expected[i].Probabilities[label]));
                    }
                }
            }
        }

        return largest;
    }

    private static SentimentModel RnnModel(RnnCellType cell, RnnPooling pooling, int layers, bool bidirectional, int? maxTokens, double? temperature, int seed)
    {
        torch.manual_seed(seed);
        var encoder = TextEncoder.Fit(Words.Select((w, i) => $"{w} {Words[(i + 3) % Words.Length]}").ToArray());
        var options = new RnnClassifierOptions
        {
            CellType = cell, VocabularySize = encoder.Vocabulary.Count, EmbeddingSize = 6, HiddenSize = 5, Layers = layers, Bidirectional = bidirectional,
            Pooling = pooling, HeadHiddenSize = 7, ClassCount = Labels.Length, MaxTokens = maxTokens,
        };
        var runner = new ClassifierRunner<int[]>(new RnnClassifier(options), TorchBackend.Resolve(DevicePreference.Cpu), IntegratedGradients.Instance);
        var kind = cell == RnnCellType.Gru ? ModelKind.Gru : ModelKind.BiLstm;
        return Model(new RnnPipeline(kind, encoder, options, runner), kind, temperature);
    }

    [Fact]
    public void ExportOnnx_FamilyWithoutAnExport_ThrowsTheTypedError()
    {
        using var pipeline = NGramPipeline(seed: 12);

        var export = () => new FamilyWithoutExport().ExportOnnx(pipeline, null!, 1);

        export.Should().Throw<OnnxExportNotSupportedException>().Where(e => e.Kind == ModelKind.NGrams && e.Message.Contains("cannot be exported to ONNX", StringComparison.Ordinal))
            .Which.Should().BeAssignableTo<NotSupportedException>();
    }

    private static SentimentModel NGramModel(int seed) => Model(NGramPipeline(seed), ModelKind.NGrams, 0.8);

    private static NGramPipeline NGramPipeline(int seed)
    {
        torch.manual_seed(seed);
        var texts = Enumerable.Range(0, 40).Select(i => string.Join(' ', Enumerable.Range(0, 6).Select(j => Words[((i * 7) + (j * 3) + (i * j)) % Words.Length]))).ToArray();
        var featurizer = NGramFeaturizer.Fit(texts, new NGramFeaturizerOptions { MaxNGramLength = 3, MinDocumentFrequency = 1 });
        var module = new BagOfNgramsClassifier(featurizer.FeatureCount, Labels.Length);
        using (torch.no_grad())
        {
            foreach (var parameter in module.parameters())
            {
                parameter.uniform_(-1, 1);
            }
        }

        var runner = new ClassifierRunner<SparseDocument>(module, TorchBackend.Resolve(DevicePreference.Cpu), FeatureGradientTimesInput.Instance);
        return new NGramPipeline(featurizer, runner);
    }

    private static SentimentModel Model(global::SentimentKit.Families.ModelPipeline pipeline, ModelKind kind, double? temperature)
    {
        var manifest = new ModelManifest
        {
            FormatVersion = ArtifactEntries.FormatVersion,
            LibraryVersion = "test",
            TorchSharpVersion = "test",
            CreatedUtc = DateTimeOffset.UnixEpoch,
            Kind = ModelKindNames.Name(kind),
            Normalizer = new TextNormalizerOptions(),
            Tokenizer = kind == ModelKind.Transformer ? TransformerManifestSection.Tokenizer : "word",
            Labels = Labels,
            Seed = 1,
            Sha256 = new Dictionary<string, string>(),
        };
        var calibration = temperature is { } t ? new TemperatureScaling { Temperature = t, NllBefore = 1, NllAfter = 0.9, EceBefore = 0.1, EceAfter = 0.05 } : null;
        return new SentimentModel(pipeline, manifest, calibration, report: null, path: null, fileSha256: null);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A family as a new one starts out: everything but an ONNX export.</summary>
    private sealed class FamilyWithoutExport : global::SentimentKit.Families.ModelFamily
    {
        public override IReadOnlyList<ModelKind> Kinds => [ModelKind.NGrams];

        public override IReadOnlyList<TrainingRecipe> Recipes => [];

        public override ModelOptions RecommendedModel(ModelKind kind) => throw new NotSupportedException();

        public override TrainerOptions RecommendedTrainer(ModelKind kind) => throw new NotSupportedException();

        public override void Adapt(SentimentTrainerOptions options, global::SentimentKit.Data.DatasetStatistics statistics) => throw new NotSupportedException();

        public override string DescribeRecipe(SentimentTrainerOptions options) => throw new NotSupportedException();

        public override global::SentimentKit.Families.ModelPipeline Train(global::SentimentKit.Families.FamilyTrainingContext context) => throw new NotSupportedException();

        public override global::SentimentKit.Families.ModelPipeline Load(ArtifactContents artifact, ModelKind kind, ComputeDevice device) => throw new NotSupportedException();
    }
}
