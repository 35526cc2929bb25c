using System.Globalization;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Sequences;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Onnx;

public class RnnOnnxGraphTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;
    private const int Vocabulary = 23;

    public static TheoryData<RnnCellType, RnnPooling, int, bool> EveryConfiguration()
    {
        var data = new TheoryData<RnnCellType, RnnPooling, int, bool>();
        foreach (var cell in Enum.GetValues<RnnCellType>())
        {
            foreach (var pooling in Enum.GetValues<RnnPooling>())
            {
                foreach (var layers in new[] { 1, 2, 3 })
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
    public void Build_EveryConfiguration_MatchesTorchSharpInOnnxRuntime(RnnCellType cell, RnnPooling pooling, int layers, bool bidirectional)
    {
        torch.manual_seed(1000 + ((int)cell * 100) + ((int)pooling * 10) + (layers * 2) + (bidirectional ? 1 : 0));
        var options = new RnnClassifierOptions
        {
            CellType = cell, VocabularySize = Vocabulary, EmbeddingSize = 5, HiddenSize = 4, Layers = layers, Bidirectional = bidirectional,
            Pooling = pooling, HeadHiddenSize = 6, ClassCount = 3, Dropout = 0.3, EmbeddingDropout = 0.2, HeadDropout = 0.3,
        };
        // Every other configuration is calibrated, so that the temperature inside the graph is checked throughout.
        var temperature = layers == 2 ? 1.0 : 0.37 * layers;

        var (logits, probabilities) = CompareWithOnnxRuntime(options, temperature, Batches(new Random(layers)));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cell} {pooling} layers={layers} {(bidirectional ? "bi" : "uni")} T={temperature}: max |Δ| logits {logits:E2}, probabilities {probabilities:E2}"));
        logits.Should().BeLessThanOrEqualTo(Tolerance);
        probabilities.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Fact]
    public void Build_NotebookDefaults_MatchesTorchSharpInOnnxRuntime()
    {
        torch.manual_seed(7);
        var options = new RnnClassifierOptions { VocabularySize = 300, EmbeddingSize = 100, HiddenSize = 128, ClassCount = 2, MaxTokens = 40 };

        var (logits, probabilities) = CompareWithOnnxRuntime(options, 1.3, Batches(new Random(7), longest: 40, vocabulary: 300, large: 16));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"notebook BiLSTM: max |Δ| logits {logits:E2}, probabilities {probabilities:E2}"));
        logits.Should().BeLessThanOrEqualTo(Tolerance);
        probabilities.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Theory]
    [InlineData(RnnCellType.Lstm, RnnPooling.Last)]
    [InlineData(RnnCellType.Gru, RnnPooling.Attention)]
    [InlineData(RnnCellType.Rnn, RnnPooling.MeanMax)]
    public void Build_IdsPaddedBeyondTheLongestText_SameAsTightPadding(RnnCellType cell, RnnPooling pooling)
    {
        // A server may pad every batch to one fixed width; the lengths alone must decide what is read.
        torch.manual_seed(5);
        var options = new RnnClassifierOptions { CellType = cell, Pooling = pooling, VocabularySize = Vocabulary, EmbeddingSize = 5, HiddenSize = 4, Layers = 2, HeadHiddenSize = 6 };
        using var model = new RnnClassifier(options);
        model.eval();
        var weights = TorchStateDict.Read(TorchFixtures.SaveWeights(model)).ToFloatTensors();
        using var session = new OnnxRuntimeSession(RnnOnnxGraph.Build(Spec(options), weights).ToByteArray());
        long[] tight = [3, 4, 5, 6, 7, 8, 0, 0, 0];
        long[] wide = [3, 4, 5, 0, 0, 0, 0, 6, 7, 8, 0, 0, 0, 0, 9, 9, 9, 0, 0, 0, 0];
        long[] lengths = [3, 3, 3];

        var expected = session.Run(("ids", OnnxRuntimeSession.Int64s(tight, 3, 3)), ("lengths", OnnxRuntimeSession.Int64s(lengths, 3)));
        var actual = session.Run(("ids", OnnxRuntimeSession.Int64s(wide, 3, 7)), ("lengths", OnnxRuntimeSession.Int64s(lengths, 3)));

        // Row 3 differs in its ids (9, 9, 9) but not in what is read of rows 1 and 2.
        actual["logits"].Values.Take(4).Should().Equal(expected["logits"].Values.Take(4));
        actual["logits"].Values.Skip(4).Should().NotEqual(expected["logits"].Values.Skip(4));
    }

    [Fact]
    public void Build_Metadata_IsWrittenWithTheBuildersOwnKeys()
    {
        var (spec, weights) = TinyModel();
        var metadata = new Dictionary<string, string> { [OnnxMetadata.Labels] = OnnxMetadata.FormatLabels(["neg", "pos"]), [OnnxMetadata.PadId] = "0" };

        var model = OnnxModel.Read(RnnOnnxGraph.Build(spec, weights, temperature: 1.25, metadata).ToByteArray());

        model.Metadata.Should().Contain(new Dictionary<string, string>
        {
            [OnnxMetadata.FormatVersion] = "1",
            [OnnxMetadata.Kind] = "rnn",
            [OnnxMetadata.ClassCount] = "2",
            [OnnxMetadata.Temperature] = "1.25",
            [OnnxMetadata.PadId] = "0",
        });
        OnnxMetadata.ParseLabels(model.Metadata[OnnxMetadata.Labels]).Should().Equal("neg", "pos");
        OnnxMetadata.ParseNumber(OnnxMetadata.Temperature, model.Metadata[OnnxMetadata.Temperature]).Should().Be(1.25);
        model.OpsetVersion("").Should().Be(17);
        model.Graph.Inputs.Select(i => (i.Name, i.ElementType, string.Join(",", i.Shape!))).Should().Equal(("ids", OnnxDataType.Int64, "batch,time"), ("lengths", OnnxDataType.Int64, "batch"));
        model.Graph.Outputs.Select(o => o.Name).Should().Equal("logits", "probabilities");
    }

    [Fact]
    public void Build_MetadataContradictingTheBuilder_ThrowsArgumentException()
    {
        var (spec, weights) = TinyModel();

        var act = () => RnnOnnxGraph.Build(spec, weights, metadata: new Dictionary<string, string> { [OnnxMetadata.Kind] = "ngrams" });

        act.Should().Throw<ArgumentException>().WithMessage("*sentimentkit.kind*");
    }

    [Fact]
    public void Build_MissingWeight_ThrowsArgumentExceptionNamingIt()
    {
        var (spec, weights) = TinyModel();
        weights.Remove("rnn.backward.0.bias_hh_l0");

        var act = () => RnnOnnxGraph.Build(spec, weights);

        act.Should().Throw<ArgumentException>().WithMessage("*'rnn.backward.0.bias_hh_l0'*");
    }

    [Fact]
    public void Build_WeightOfAnotherShape_ThrowsArgumentExceptionNamingBothShapes()
    {
        var (spec, weights) = TinyModel();

        var act = () => RnnOnnxGraph.Build(spec with { HiddenSize = 5 }, weights);

        act.Should().Throw<ArgumentException>().WithMessage("*'rnn.forward.0.weight_ih_l0' has shape [12, 3]; the model needs [20, 3]*");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Build_InvalidTemperature_ThrowsArgumentOutOfRangeException(double temperature)
    {
        var (spec, weights) = TinyModel();

        var act = () => RnnOnnxGraph.Build(spec, weights, temperature);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Spec_Invalid_ThrowsArgumentExceptionListingEveryProblem()
    {
        var (spec, weights) = TinyModel();

        var act = () => RnnOnnxGraph.Build(spec with { Layers = 0, ClassCount = 0, Cell = (RnnOnnxCell)9 }, weights);

        act.Should().Throw<ArgumentException>().WithMessage("*Cell*9*Layers*0*ClassCount*0*");
    }

    [Fact]
    public void Enums_NumberedAsTheModelingEnums()
    {
        // The exporter maps the module's options by casting; these must stay in step.
        Enum.GetValues<RnnOnnxCell>().Select(v => ((int)v, v.ToString())).Should().Equal(Enum.GetValues<RnnCellType>().Select(v => ((int)v, v.ToString())));
        Enum.GetValues<RnnOnnxPooling>().Select(v => ((int)v, v.ToString())).Should().Equal(Enum.GetValues<RnnPooling>().Select(v => ((int)v, v.ToString())));
    }

    internal static RnnOnnxSpec Spec(RnnClassifierOptions options) => new()
    {
        Cell = (RnnOnnxCell)options.CellType,
        VocabularySize = options.VocabularySize,
        EmbeddingSize = options.EmbeddingSize,
        HiddenSize = options.HiddenSize,
        Layers = options.Layers,
        Bidirectional = options.Bidirectional,
        Pooling = (RnnOnnxPooling)options.Pooling,
        HeadHiddenSize = options.HeadHiddenSize,
        ClassCount = options.ClassCount,
    };

    private static (RnnOnnxSpec Spec, Dictionary<string, FloatTensor> Weights) TinyModel()
    {
        torch.manual_seed(3);
        var options = new RnnClassifierOptions { VocabularySize = 6, EmbeddingSize = 3, HiddenSize = 3, Layers = 1, HeadHiddenSize = 2 };
        using var model = new RnnClassifier(options);
        return (Spec(options), TorchStateDict.Read(TorchFixtures.SaveWeights(model)).ToFloatTensors());
    }

    /// <summary>A batch of one of length one, one longer, mixed lengths with padded tails (and an empty text), and a large batch.</summary>
    private static IEnumerable<int[][]> Batches(Random random, int longest = 12, int vocabulary = Vocabulary, int large = 64)
    {
        int[] Text(int length) => [.. Enumerable.Range(0, length).Select(_ => random.Next(1, vocabulary))];
        yield return [Text(1)];
        yield return [Text(longest)];
        yield return [Text(1), Text(longest), Text(4), [], Text(longest), Text(2)];
        // Some texts longer than the model's token limit, where it has one.
        yield return [.. Enumerable.Range(0, large).Select(_ => Text(random.Next(0, longest + 5)))];
    }

    /// <summary>Runs every batch through the module (evaluation mode, no gradients) and the exported graph; the largest differences.</summary>
    private static (double Logits, double Probabilities) CompareWithOnnxRuntime(RnnClassifierOptions options, double temperature, IEnumerable<int[][]> batches)
    {
        using var model = new RnnClassifier(options);
        return SequenceGraphParity.Compare(model, weights => RnnOnnxGraph.Build(Spec(options), weights, temperature), temperature, batches);
    }
}
