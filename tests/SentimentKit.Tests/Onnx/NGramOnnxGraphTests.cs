using System.Globalization;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;
using Xunit.Abstractions;

namespace SentimentKit.Tests.Onnx;

public class NGramOnnxGraphTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;
    private const int Features = 40;

    public static TheoryData<string> BatchNames() => new(NGramBatches.All(new Random(0), Features).Keys);

    [Theory]
    [MemberData(nameof(BatchNames))]
    public void Build_RandomWeights_MatchesTorchSharpInOnnxRuntime(string batchName)
    {
        var documents = NGramBatches.All(new Random(31), Features)[batchName];
        using var model = RandomModel(classes: 3);
        var weights = TorchStateDict.Read(TorchFixtures.SaveWeights(model)).ToFloatTensors();
        const double Temperature = 0.8;
        var (expectedLogits, expectedProbabilities) = TorchLogits(model, documents, Temperature);
        using var session = new OnnxRuntimeSession(NGramOnnxGraph.Build(weights, Temperature).ToByteArray());

        var outputs = session.Run(Inputs(documents));

        outputs["logits"].Shape.Should().Equal(documents.Length, 3);
        var logits = SequenceGraphParity.MaxDifference(outputs["logits"].Values, expectedLogits);
        var probabilities = SequenceGraphParity.MaxDifference(outputs["probabilities"].Values, expectedProbabilities);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"n-grams {batchName}: max |Δ| logits {logits:E2}, probabilities {probabilities:E2}"));
        logits.Should().BeLessThanOrEqualTo(Tolerance);
        probabilities.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Theory]
    [MemberData(nameof(BatchNames))]
    public void Score_RandomWeights_MatchesTorchSharp(string batchName)
    {
        var documents = NGramBatches.All(new Random(32), Features)[batchName];
        using var model = RandomModel(classes: 4);
        var scorer = new NGramLinearScorer(TorchStateDict.Read(TorchFixtures.SaveWeights(model)).ToFloatTensors());
        var (expected, _) = TorchLogits(model, documents, 1);

        var logits = scorer.Score(documents);

        var difference = SequenceGraphParity.MaxDifference(logits, expected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed n-grams {batchName}: max |Δ| logits {difference:E2}"));
        difference.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Fact]
    public void Score_EmptyOrDefaultDocument_ReturnsTheBias()
    {
        var scorer = new NGramLinearScorer(Weights(features: 3, [1f, 2f, 3f, 4f, 5f, 6f], bias: [0.5f, -0.5f]));
        Span<float> logits = stackalloc float[2];

        scorer.Score(default, logits);
        logits.ToArray().Should().Equal(0.5f, -0.5f);
        scorer.Score(new SparseDocument([], []), logits);
        logits.ToArray().Should().Equal(0.5f, -0.5f);
        scorer.Score(new SparseDocument([2, 0, 2], [1f, 2f, 0.5f]), logits);
        logits.ToArray().Should().Equal(0.5f + 5f + 2f + 2.5f, -0.5f + 6f + 4f + 3f);
    }

    [Fact]
    public void Score_IdOutsideTheFeatures_ThrowsArgumentException()
    {
        var scorer = new NGramLinearScorer(Weights(features: 3, new float[6], bias: [0f, 0f]));

        var act = () => scorer.Score([new SparseDocument([1, 3], [1f, 1f])]);

        act.Should().Throw<ArgumentException>().WithMessage("Feature id 3 is outside [0, 3).*");
    }

    [Fact]
    public void Score_IdsAndWeightsOfDifferentLengths_ThrowsArgumentException()
    {
        var scorer = new NGramLinearScorer(Weights(features: 3, new float[6], bias: [0f, 0f]));

        var act = () => scorer.Score([new SparseDocument([1, 2], [1f])]);

        act.Should().Throw<ArgumentException>().WithMessage("*2 ids but 1 weights*");
    }

    [Fact]
    public void Constructor_BiasOfAnotherWidth_ThrowsArgumentException()
    {
        var act = () => new NGramLinearScorer(Weights(features: 3, new float[6], bias: [0f, 0f, 0f]));

        act.Should().Throw<ArgumentException>().WithMessage("*'bias' has shape [3]; the model needs [2]*");
    }

    [Fact]
    public void Build_Metadata_NamesTheKindAndTheInputs()
    {
        var model = OnnxModel.Read(NGramOnnxGraph.Build(Weights(features: 3, new float[6], bias: [0f, 0f])).ToByteArray());

        model.Metadata[OnnxMetadata.Kind].Should().Be("ngrams");
        model.Metadata[OnnxMetadata.Temperature].Should().Be("1");
        model.Graph.Inputs.Select(i => (i.Name, i.ElementType, string.Join(",", i.Shape!))).Should().Equal(
            ("feature_ids", OnnxDataType.Int64, "features"), ("feature_weights", OnnxDataType.Float, "features"), ("offsets", OnnxDataType.Int64, "batch"));
    }

    private static Dictionary<string, FloatTensor> Weights(int features, float[] weight, float[] bias) => new()
    {
        [NGramOnnxGraph.WeightKey] = new FloatTensor([features, weight.Length / features], weight),
        [NGramOnnxGraph.BiasKey] = new FloatTensor([bias.Length], bias),
    };

    private static BagOfNgramsClassifier RandomModel(int classes)
    {
        torch.manual_seed(17);
        var model = new BagOfNgramsClassifier(Features, classes);
        TorchFixtures.Randomize(model);
        model.eval();
        return model;
    }

    private static (float[] Logits, float[] Probabilities) TorchLogits(BagOfNgramsClassifier model, SparseDocument[] documents, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var batch = (BagBatch)model.CreateBatch(documents);
        var logits = model.forward(batch.Ids, batch.Offsets, batch.Weights);
        return (logits.data<float>().ToArray(), (logits / temperature).softmax(1).data<float>().ToArray());
    }

    private static (string, Microsoft.ML.OnnxRuntime.OrtValue)[] Inputs(SparseDocument[] documents)
    {
        var ids = documents.SelectMany(d => d.Ids ?? []).Select(i => (long)i).ToArray();
        var weights = documents.SelectMany(d => d.Weights ?? []).ToArray();
        var offsets = new long[documents.Length];
        for (var i = 1; i < documents.Length; i++)
        {
            offsets[i] = offsets[i - 1] + documents[i - 1].Count;
        }

        return
        [
            (NGramOnnxGraph.FeatureIdsInput, OnnxRuntimeSession.Int64s(ids, ids.Length)),
            (NGramOnnxGraph.FeatureWeightsInput, OnnxRuntimeSession.Floats(weights, weights.Length)),
            (NGramOnnxGraph.OffsetsInput, OnnxRuntimeSession.Int64s(offsets, offsets.Length)),
        ];
    }

    /// <summary>Named batches of sparse documents: the shapes the n-gram graph and scorer must get right.</summary>
    private static class NGramBatches
    {
        public static Dictionary<string, SparseDocument[]> All(Random random, int features)
        {
            SparseDocument Document(int count) => new(
                [.. Enumerable.Range(0, count).Select(_ => random.Next(features))],
                [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() * 2)]);
            SparseDocument empty = new([], []);
            return new Dictionary<string, SparseDocument[]>(StringComparer.Ordinal)
            {
                ["one document"] = [Document(7)],
                ["one feature"] = [Document(1)],
                ["empty document alone"] = [empty],
                ["all empty"] = [empty, empty, empty],
                ["empty first, middle and last"] = [empty, Document(3), empty, empty, Document(5), empty],
                ["repeated ids"] = [new([4, 4, 4, 9], [1f, 0.5f, 0.25f, 2f])],
                ["64 documents"] = [.. Enumerable.Range(0, 64).Select(i => i % 9 == 0 ? empty : Document(random.Next(1, 30)))],
            };
        }
    }
}
