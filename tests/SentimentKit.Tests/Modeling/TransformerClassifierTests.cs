using SentimentKit.Modeling;
using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Modeling;

public class TransformerClassifierTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<TransformerPooling> EveryPooling()
    {
        var data = new TheoryData<TransformerPooling>();
        foreach (var pooling in Enum.GetValues<TransformerPooling>())
        {
            data.Add(pooling);
        }

        return data;
    }

    internal static TransformerClassifierOptions Tiny(TransformerPooling pooling = TransformerPooling.Mean, double dropout = 0.0, int layers = 2) => new()
    {
        VocabularySize = 40,
        HiddenSize = 8,
        Layers = layers,
        AttentionHeads = 2,
        IntermediateSize = 16,
        MaxPositions = 24,
        Pooling = pooling,
        HiddenDropout = dropout,
        AttentionDropout = dropout,
        HeadDropout = dropout,
        ClassCount = 3,
        UnkId = 1,
    };

    [Theory]
    [MemberData(nameof(AvailableDevices.All), MemberType = typeof(AvailableDevices))]
    public void ForwardBatch_AvailableDevice_ReturnsLogitsOnThatDevice(string deviceName)
    {
        var device = torch.device(deviceName);
        torch.manual_seed(8);
        using var model = new TransformerClassifier(Tiny());
        model.to(device);

        using var batch = model.CreateBatch([[2, 3, 4, 5], [], [6]], [0, 1, 2], device);
        using var logits = model.ForwardBatch(batch);

        logits.device_type.Should().Be(device.type);
        logits.shape.Should().Equal(3, 3);
        ((PaddedBatch)batch).Lengths.data<long>().ToArray().Should().Equal(4, 1, 1);
    }

    [Fact]
    public void EncodeHidden_Batch_IsBatchByTimeByHidden()
    {
        torch.manual_seed(1);
        using var model = new TransformerClassifier(Tiny());
        using var batch = (PaddedBatch)model.CreateBatch([[2, 3, 4, 5, 6], [7, 8]]);

        using var hidden = model.EncodeHidden(batch.Ids, batch.Lengths);

        hidden.shape.Should().Equal(2, 5, 8);
    }

    [Fact]
    public void StateDict_OneLayer_HuggingFaceBertNames()
    {
        using var model = new TransformerClassifier(Tiny(layers: 1));

        var names = model.state_dict().Keys.ToArray();

        string[] layer =
        [
            "attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight", "attention.self.key.bias",
            "attention.self.value.weight", "attention.self.value.bias", "attention.output.dense.weight", "attention.output.dense.bias",
            "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias", "intermediate.dense.weight", "intermediate.dense.bias",
            "output.dense.weight", "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias",
        ];
        names.Should().BeEquivalentTo(
        [
            "bert.embeddings.word_embeddings.weight", "bert.embeddings.position_embeddings.weight", "bert.embeddings.token_type_embeddings.weight",
            "bert.embeddings.LayerNorm.weight", "bert.embeddings.LayerNorm.bias",
            .. layer.Select(n => "bert.encoder.layer.0." + n),
            "classifier.weight", "classifier.bias",
        ]);
        model.get_parameter("bert.encoder.layer.0.intermediate.dense.weight")!.shape.Should().Equal(16, 8);
    }

    [Fact]
    public void ParameterShapes_TinyOptions_SameNamesAndShapesAsTheModule()
    {
        var options = Tiny();
        using var model = new TransformerClassifier(options);

        var shapes = BertEncoder.ParameterShapes(options);

        var actual = model.named_parameters()
            .Where(p => p.name.StartsWith(TransformerClassifier.EncoderPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.name[TransformerClassifier.EncoderPrefix.Length..], p => p.parameter.shape);
        shapes.Should().BeEquivalentTo(actual);
    }

    [Fact]
    public void Constructor_Defaults_HasAllMiniLmL6EncoderParameterCount()
    {
        using var model = new TransformerClassifier();

        // all-MiniLM-L6-v2 has 22,713,216 parameters with its pooler (384 x 384 + 384), which this
        // encoder leaves out; the head adds 384 x 2 + 2.
        model.parameters().Sum(p => p.numel()).Should().Be(22_713_216 - 147_840 + 770);
    }

    [Theory]
    [MemberData(nameof(EveryPooling))]
    public void Forward_EvalMode_DoesNotDependOnBatchMatesOrTrailingPadding(TransformerPooling pooling)
    {
        torch.manual_seed(2);
        using var model = new TransformerClassifier(Tiny(pooling, dropout: 0.2));
        model.eval();
        int[] target = [2, 9, 13, 5, 30, 3];

        using var scope = torch.NewDisposeScope();
        using var alone = model.CreateBatch([target]);
        var expected = model.ForwardBatch(alone);
        using var withMates = model.CreateBatch([[7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18], target, [3, 4]]);
        var inBatch = model.ForwardBatch(withMates)[1].unsqueeze(0);

        // Fourteen columns, of which the last eight are junk ids: a model that attended to or
        // pooled past the length would see them.
        var ids = torch.tensor(target.Select(i => (long)i).Concat(Enumerable.Repeat(17L, 8)).ToArray(), 1, 14);
        var padded = model.call(ids, torch.tensor(new long[] { target.Length }));

        MaxAbsDifference(expected, inBatch).Should().BeLessThan(Tolerance, "a text must not depend on its batch-mates");
        MaxAbsDifference(expected, padded).Should().BeLessThan(Tolerance, "a text must not depend on trailing padding");
    }

    [Fact]
    public void ForwardEmbedded_FromEmbed_SameAsForward()
    {
        torch.manual_seed(3);
        using var model = new TransformerClassifier(Tiny());
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var batch = (PaddedBatch)model.CreateBatch([[2, 3, 4], [5, 6]]);

        var direct = model.call(batch.Ids, batch.Lengths);
        var embedded = model.Embed(batch.Ids).detach().requires_grad_(true);
        var viaEmbeddings = model.ForwardEmbedded(embedded, batch.Lengths);
        viaEmbeddings.sum().backward();

        MaxAbsDifference(direct, viaEmbeddings).Should().Be(0);
        embedded.grad!.abs().sum().item<float>().Should().BeGreaterThan(0f, "integrated gradients differentiate with respect to these embeddings");
    }

    [Fact]
    public void Backward_TrainMode_EveryParameterGetsAGradient()
    {
        torch.manual_seed(4);
        using var model = new TransformerClassifier(Tiny(dropout: 0.1));
        model.train();
        using var scope = torch.NewDisposeScope();
        using var batch = model.CreateBatch([[2, 3, 4, 5, 6], [7, 8], [9]], [0, 1, 2]);

        nn.functional.cross_entropy(model.ForwardBatch(batch), batch.Labels!).backward();

        foreach (var (name, parameter) in model.named_parameters())
        {
            parameter.grad.Should().NotBeNull(name);
            parameter.grad!.abs().sum().item<float>().Should().BeGreaterThan(0f, name);
        }

        model.get_parameter("bert.embeddings.word_embeddings.weight")!.grad![0].abs().sum().item<float>().Should().Be(0f, "the padding row gets no gradient");
    }

    [Fact]
    public void Train_SameSeed_SameWeightsAndLosses()
    {
        (float[] Losses, Dictionary<string, float[]> Weights) Run()
        {
            torch.manual_seed(5);
            using var model = new TransformerClassifier(Tiny(dropout: 0.1));
            using var optimizer = optim.AdamW(model.parameters(), lr: 0.01);
            model.train();
            var losses = new List<float>();
            for (var step = 0; step < 4; step++)
            {
                using var scope = torch.NewDisposeScope();
                using var batch = model.CreateBatch([[2, 3, 4, 5, 6], [7, 8], [9], [10, 11, 12]], [0, 1, 2, 1]);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.ForwardBatch(batch), batch.Labels!);
                loss.backward();
                optimizer.step();
                losses.Add(loss.item<float>());
            }

            return ([.. losses], model.state_dict().ToDictionary(p => p.Key, p => p.Value.data<float>().ToArray()));
        }

        var first = Run();
        var second = Run();

        second.Losses.Should().Equal(first.Losses);
        second.Weights.Should().BeEquivalentTo(first.Weights);
        first.Losses.Distinct().Should().HaveCountGreaterThan(1, "the weights must change between steps");
    }

    [Fact]
    public void CreateBatch_LongerThanThePositions_ThrowsNamingTheEncoderLimit()
    {
        using var model = new TransformerClassifier(Tiny());

        var act = () => model.CreateBatch([[2, 3], Enumerable.Repeat(5, 25).ToArray()]);

        act.Should().Throw<ArgumentException>().WithMessage("*Sequence 1 has 25 tokens*24 positions*MaxTokens*");
    }

    [Fact]
    public void Forward_ZeroLength_ThrowsArgumentException()
    {
        using var model = new TransformerClassifier(Tiny());

        var act = () => model.call(torch.tensor(new long[] { 2, 3 }, 1, 2), torch.tensor(new long[] { 0 }));

        act.Should().Throw<ArgumentException>().WithMessage("*[1, 2]*");
    }

    [Fact]
    public void LoadEncoderWeights_FromAnotherModel_SameHiddenStatesAndHeadKept()
    {
        torch.manual_seed(6);
        using var source = new TransformerClassifier(Tiny());
        using var target = new TransformerClassifier(Tiny());
        source.eval();
        target.eval();
        using var head = target.get_parameter("classifier.weight")!.detach().clone();
        var weights = source.state_dict()
            .Where(p => p.Key.StartsWith(TransformerClassifier.EncoderPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[TransformerClassifier.EncoderPrefix.Length..], p => p.Value);

        target.LoadEncoderWeights(weights, "source");

        using var scope = torch.NewDisposeScope();
        using var batch = (PaddedBatch)target.CreateBatch([[2, 3, 4], [5]]);
        MaxAbsDifference(source.EncodeHidden(batch.Ids, batch.Lengths), target.EncodeHidden(batch.Ids, batch.Lengths)).Should().Be(0);
        MaxAbsDifference(head, target.get_parameter("classifier.weight")!).Should().Be(0);
    }

    [Fact]
    public void LoadEncoderWeights_MissingAndMisshapen_ThrowsNamingEachAndCopiesNothing()
    {
        torch.manual_seed(7);
        using var target = new TransformerClassifier(Tiny(layers: 1));
        using var before = target.get_parameter("bert.embeddings.LayerNorm.weight")!.detach().clone();
        using var scope = torch.NewDisposeScope();
        var weights = target.state_dict()
            .Where(p => p.Key.StartsWith(TransformerClassifier.EncoderPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[TransformerClassifier.EncoderPrefix.Length..], p => torch.zeros_like(p.Value));
        weights.Remove("encoder.layer.0.attention.self.key.bias");
        weights["encoder.layer.0.output.dense.weight"] = torch.zeros(16, 8);

        var act = () => target.LoadEncoderWeights(weights, "model.onnx");

        act.Should().Throw<PretrainedModelException>()
            .WithMessage("model.onnx: *2 problems*missing tensor encoder.layer.0.attention.self.key.bias*encoder.layer.0.output.dense.weight is [16, 8], the model needs [8, 16]*");
        MaxAbsDifference(before, target.get_parameter("bert.embeddings.LayerNorm.weight")!).Should().Be(0);
    }


    private static double MaxAbsDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
