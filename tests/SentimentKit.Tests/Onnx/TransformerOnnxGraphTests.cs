using System.Globalization;
using System.Text.Json;
using SentimentKit.Artifacts;
using SentimentKit.Families.Transformer;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using TorchSharp;
using Xunit.Abstractions;

namespace SentimentKit.Tests.Onnx;

public class TransformerOnnxGraphTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;
    private const int Vocabulary = 30;

    public static TheoryData<TransformerPooling, int> EveryPooling()
    {
        var data = new TheoryData<TransformerPooling, int>();
        foreach (var pooling in Enum.GetValues<TransformerPooling>())
        {
            foreach (var layers in new[] { 1, 2 })
            {
                data.Add(pooling, layers);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPooling))]
    public void Build_PaddedBatches_MatchesTorchSharpInOnnxRuntime(TransformerPooling pooling, int layers)
    {
        torch.manual_seed(40 + ((int)pooling * 10) + layers);
        var options = Options(pooling, layers);
        using var model = new TransformerClassifier(options);
        // BERT's initialization (std 0.02) leaves every logit near 0; weights of unit scale make the comparison mean something.
        TorchFixtures.Randomize(model);
        var temperature = layers == 1 ? 1.0 : 1.6;

        var (logits, probabilities) = SequenceGraphParity.Compare(
            model, weights => TransformerOnnxGraph.Build(TransformerNetworks.ToSection(options), weights, temperature), temperature, Batches(new Random(layers)));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pooling} layers={layers} T={temperature}: max |Δ| logits {logits:E2}, probabilities {probabilities:E2}"));
        logits.Should().BeLessThanOrEqualTo(Tolerance);
        probabilities.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Theory]
    [InlineData(TransformerPooling.Mean)]
    [InlineData(TransformerPooling.Cls)]
    public void Build_PaddingIdsChanged_SameLogitsBitForBit(TransformerPooling pooling)
    {
        // A padded key gets weight exactly 0 and mean pooling skips padded steps: what is past a length is never read.
        torch.manual_seed(9);
        var options = Options(pooling, layers: 2);
        using var model = new TransformerClassifier(options);
        TorchFixtures.Randomize(model);
        var weights = TorchStateDict.Read(TorchFixtures.SaveWeights(model)).ToFloatTensors();
        using var session = new OnnxRuntimeSession(TransformerOnnxGraph.Build(TransformerNetworks.ToSection(options), weights).ToByteArray());
        long[] padded = [2, 7, 8, 3, 0, 0, 2, 9, 10, 11, 12, 3];
        long[] garbage = [2, 7, 8, 3, 25, 17, 2, 9, 10, 11, 12, 3];
        long[] lengths = [4, 6];

        var expected = session.Run(("ids", OnnxRuntimeSession.Int64s(padded, 2, 6)), ("lengths", OnnxRuntimeSession.Int64s(lengths, 2)));
        var actual = session.Run(("ids", OnnxRuntimeSession.Int64s(garbage, 2, 6)), ("lengths", OnnxRuntimeSession.Int64s(lengths, 2)));
        var alone = session.Run(("ids", OnnxRuntimeSession.Int64s([2, 7, 8, 3], 1, 4)), ("lengths", OnnxRuntimeSession.Int64s([4], 1)));

        actual["logits"].Values.Should().Equal(expected["logits"].Values);
        SequenceGraphParity.MaxDifference(alone["logits"].Values, expected["logits"].Values[..3]).Should().BeLessThanOrEqualTo(1e-5);
    }

    [Fact]
    public void Build_Graph_HasTheRnnInputsAndTheClassifierOutputs()
    {
        var (network, weights) = TinyModel();

        var model = OnnxModel.Read(TransformerOnnxGraph.Build(network, weights, temperature: 2).ToByteArray());

        model.Metadata.Should().Contain(new Dictionary<string, string> { [OnnxMetadata.Kind] = "transformer", [OnnxMetadata.ClassCount] = "3", [OnnxMetadata.Temperature] = "2" });
        model.OpsetVersion("").Should().Be(17);
        model.Graph.Inputs.Select(i => (i.Name, i.ElementType, string.Join(",", i.Shape!))).Should().Equal(("ids", OnnxDataType.Int64, "batch,time"), ("lengths", OnnxDataType.Int64, "batch"));
        model.Graph.Outputs.Select(o => o.Name).Should().Equal("logits", "probabilities");
        model.Graph.Nodes.Select(n => n.OpType).Should().Contain(["LayerNormalization", "Erf", "Softmax", "Gemm"]);
    }

    [Fact]
    public void Build_MissingWeight_ThrowsArgumentExceptionNamingIt()
    {
        var (network, weights) = TinyModel();
        weights.Remove("bert.encoder.layer.1.attention.self.value.bias");

        var act = () => TransformerOnnxGraph.Build(network, weights);

        act.Should().Throw<ArgumentException>().WithMessage("*'bert.encoder.layer.1.attention.self.value.bias'*");
    }

    [Fact]
    public void Build_WeightOfAnotherShape_ThrowsArgumentExceptionNamingBothShapes()
    {
        var (network, weights) = TinyModel();

        var act = () => TransformerOnnxGraph.Build(network with { IntermediateSize = 12 }, weights);

        act.Should().Throw<ArgumentException>().WithMessage("*'bert.encoder.layer.0.intermediate.dense.weight' has shape [16, 8]; the model needs [12, 8]*");
    }

    [Fact]
    public void Build_InvalidNetwork_ThrowsArgumentExceptionListingEveryProblem()
    {
        var (network, weights) = TinyModel();

        var act = () => TransformerOnnxGraph.Build(network with { AttentionHeads = 3, Layers = 0, LayerNormEpsilon = 0, Pooling = (TransformerOnnxPooling)7 }, weights);

        act.Should().Throw<ArgumentException>().WithMessage("*Layers*0*AttentionHeads (3) must divide HiddenSize (8)*LayerNormEpsilon*Pooling*7*");
    }

    [Fact]
    public void Enums_NumberedAsTheModelingEnum()
    {
        // The family maps the module's pooling by casting, and both are written by name: they must stay in step.
        Enum.GetValues<TransformerOnnxPooling>().Select(v => ((int)v, v.ToString())).Should().Equal(Enum.GetValues<TransformerPooling>().Select(v => ((int)v, v.ToString())));
    }

    [Fact]
    public void NetworkSection_Json_IsWhatTheModuleOptionsWereWrittenAs()
    {
        // Transformer .skm files written before core had a definition of the section hold the module's options as
        // they serialize: the core record must write (and so read) every one of them under the same name.
        var options = Options(TransformerPooling.Cls, layers: 3);
        options.HiddenDropout = 0.2;
        options.LayerNormEpsilon = 1e-7;

        var section = TransformerNetworks.ToSection(options);

        JsonSerializer.Serialize(section, ArtifactJson.Options).Should().Be(JsonSerializer.Serialize(options, ArtifactJson.Options));
        var read = JsonSerializer.Deserialize<TransformerNetworkSection>(JsonSerializer.Serialize(options, ArtifactJson.Options), ArtifactJson.Options)!;
        read.Should().Be(section);
        JsonSerializer.Serialize(TransformerNetworks.ToOptions(read), ArtifactJson.Options).Should().Be(JsonSerializer.Serialize(options, ArtifactJson.Options));
    }

    private static TransformerClassifierOptions Options(TransformerPooling pooling, int layers) => Modeling.TransformerClassifierTests.Tiny(pooling, layers: layers);

    private static (TransformerNetworkSection Network, Dictionary<string, FloatTensor> Weights) TinyModel()
    {
        torch.manual_seed(3);
        var options = Options(TransformerPooling.Mean, layers: 2);
        using var model = new TransformerClassifier(options);
        return (TransformerNetworks.ToSection(options), TorchStateDict.Read(TorchFixtures.SaveWeights(model)).ToFloatTensors());
    }

    /// <summary>One text of two ids, one as long as the positions allow, mixed lengths with padded tails (an empty text among them), and a large batch.</summary>
    private static IEnumerable<int[][]> Batches(Random random)
    {
        int[] Text(int length) => [2, .. Enumerable.Range(0, length).Select(_ => random.Next(4, Vocabulary)), 3];
        yield return [Text(0)];
        yield return [Text(18)];
        yield return [Text(1), Text(18), Text(4), [], Text(9), Text(2)];
        yield return [.. Enumerable.Range(0, 48).Select(_ => Text(random.Next(0, 19)))];
    }
}
