using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Modeling;

public class RnnClassifierTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<RnnCellType, bool, int, RnnPooling> EveryCombination()
    {
        var data = new TheoryData<RnnCellType, bool, int, RnnPooling>();
        foreach (var cell in Enum.GetValues<RnnCellType>())
        {
            foreach (var bidirectional in new[] { false, true })
            {
                foreach (var layers in new[] { 1, 2 })
                {
                    foreach (var pooling in Enum.GetValues<RnnPooling>())
                    {
                        data.Add(cell, bidirectional, layers, pooling);
                    }
                }
            }
        }

        return data;
    }

    public static TheoryData<RnnPooling> EveryPooling()
    {
        var data = new TheoryData<RnnPooling>();
        foreach (var pooling in Enum.GetValues<RnnPooling>())
        {
            data.Add(pooling);
        }

        return data;
    }

    public static TheoryData<string> AvailableDevices()
    {
        var data = new TheoryData<string> { "cpu" };
        if (torch.cuda.is_available())
        {
            data.Add("cuda");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AvailableDevices))]
    public void ForwardBatch_AvailableDevice_ReturnsLogitsOnThatDevice(string deviceName)
    {
        var device = torch.device(deviceName);
        torch.manual_seed(8);
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = 12, EmbeddingSize = 4, HiddenSize = 3, HeadHiddenSize = 3, Pooling = RnnPooling.MeanMax });
        model.to(device);

        using var batch = model.CreateBatch([[2, 3, 4], [], [5]], [0, 1, 0], device);
        using var logits = model.ForwardBatch(batch);

        batch.Device.type.Should().Be(device.type);
        ((PaddedBatch)batch).Lengths.device_type.Should().Be(DeviceType.CPU);
        logits.device_type.Should().Be(device.type);
        logits.shape.Should().Equal(3, 2);
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Forward_EveryOptionCombination_HasExpectedShapeAndParameterCount(RnnCellType cell, bool bidirectional, int layers, RnnPooling pooling)
    {
        torch.manual_seed(1);
        var options = new RnnClassifierOptions
        {
            CellType = cell,
            VocabularySize = 30,
            EmbeddingSize = 6,
            HiddenSize = 5,
            Layers = layers,
            Bidirectional = bidirectional,
            Pooling = pooling,
            HeadHiddenSize = 7,
            ClassCount = 3,
        };
        using var model = new RnnClassifier(options);
        using var batch = model.CreateBatch([[2, 3, 4, 5], [6], [7, 8]]);

        using var logits = model.ForwardBatch(batch);

        logits.shape.Should().Equal(3, 3);
        model.parameters().Sum(p => p.numel()).Should().Be(ExpectedParameterCount(options));
    }

    [Fact]
    public void Constructor_NotebookDefaults_HasTheNotebooksParameterCount()
    {
        // The notebook prints "Parameters: 668,338" for its 44-word vocabulary.
        using var model = new RnnClassifier(vocabularySize: 44);

        model.parameters().Sum(p => p.numel()).Should().Be(668_338);
    }

    [Theory]
    [MemberData(nameof(EveryPooling))]
    public void Forward_EvalMode_DoesNotDependOnBatchMatesOrTrailingPadding(RnnPooling pooling)
    {
        foreach (var (cell, bidirectional) in new[] { (RnnCellType.Lstm, true), (RnnCellType.Gru, false) })
        {
            torch.manual_seed(2);
            using var model = new RnnClassifier(new RnnClassifierOptions
            {
                CellType = cell,
                VocabularySize = 50,
                EmbeddingSize = 8,
                HiddenSize = 6,
                Bidirectional = bidirectional,
                Pooling = pooling,
                EmbeddingDropout = 0.2,
                HeadHiddenSize = 5,
            });
            model.eval();
            int[] target = [5, 9, 13, 2, 40];

            using var scope = torch.NewDisposeScope();
            using var alone = model.CreateBatch([target]);
            var expected = model.ForwardBatch(alone);
            using var withMates = model.CreateBatch([[7, 8, 9, 10, 11, 12, 13, 14, 15], target, [3, 4]]);
            var inBatch = model.ForwardBatch(withMates)[1].unsqueeze(0);

            // Twelve columns, of which the last seven are junk ids: a model that read past the
            // length would see them.
            var ids = torch.tensor(target.Select(i => (long)i).Concat(Enumerable.Repeat(17L, 7)).ToArray(), 1, 12);
            var padded = model.call(ids, torch.tensor(new long[] { target.Length }));

            MaxAbsDifference(expected, inBatch).Should().BeLessThan(Tolerance, $"{cell} with {pooling} pooling must ignore its batch-mates");
            MaxAbsDifference(expected, padded).Should().BeLessThan(Tolerance, $"{cell} with {pooling} pooling must ignore trailing padding");
        }
    }

    [Fact]
    public void Step_AdamWithWeightDecay_PaddingRowStaysZero()
    {
        torch.manual_seed(3);
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = 20, EmbeddingSize = 4, HiddenSize = 3, HeadHiddenSize = 3 });
        using var optimizer = optim.Adam(model.parameters(), lr: 0.1, weight_decay: 0.01);
        using var before = model.get_parameter("embedding.weight")!.detach().clone();

        for (var step = 0; step < 3; step++)
        {
            TrainStep(model, optimizer, [[2, 3, 4, 5, 6], [7], [8, 9]], [0, 1, 1]);
        }

        using var after = model.get_parameter("embedding.weight")!.detach().clone();
        after[0].abs().sum().item<float>().Should().Be(0f);
        (after[2] - before[2]).abs().sum().item<float>().Should().BeGreaterThan(0f, "the rows of real tokens must be trained");
    }

    [Fact]
    public void Constructor_FrozenPretrained_LoadsVectorsAndKeepsThemThroughTraining()
    {
        torch.manual_seed(4);
        var vectors = new float[10, 3];
        for (var row = 0; row < 10; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                vectors[row, column] = row + (column / 10f);
            }
        }

        using var model = new RnnClassifier(new RnnClassifierOptions
        {
            VocabularySize = 10,
            EmbeddingSize = 3,
            HiddenSize = 3,
            HeadHiddenSize = 3,
            PretrainedEmbeddings = vectors,
            FreezeEmbeddings = true,
        });
        using var optimizer = optim.Adam(model.parameters(), lr: 0.1);

        TrainStep(model, optimizer, [[2, 3, 4], [5]], [0, 1]);

        using var weight = model.get_parameter("embedding.weight")!.detach().clone();
        weight[0].data<float>().ToArray().Should().Equal(0f, 0f, 0f);
        weight[7].data<float>().ToArray().Should().Equal(7f, 7.1f, 7.2f);
        model.get_parameter("embedding.weight")!.requires_grad.Should().BeFalse();
        model.Options.PretrainedEmbeddings.Should().BeNull();
    }

    [Fact]
    public void Constructor_UnfrozenPretrained_VectorsAreTrained()
    {
        torch.manual_seed(4);
        var vectors = new float[10, 3];
        vectors[7, 1] = 0.5f;
        using var model = new RnnClassifier(new RnnClassifierOptions
        {
            VocabularySize = 10,
            EmbeddingSize = 3,
            HiddenSize = 3,
            HeadHiddenSize = 16,
            HeadDropout = 0,
            PretrainedEmbeddings = vectors,
        });
        using var optimizer = optim.Adam(model.parameters(), lr: 0.1);

        TrainStep(model, optimizer, [[7, 3, 4], [5]], [0, 1]);

        using var weight = model.get_parameter("embedding.weight")!.detach().clone();
        weight[7, 1].item<float>().Should().NotBe(0.5f);
    }

    [Theory]
    [MemberData(nameof(EveryPooling))]
    public void Train_ManySteps_LiveTensorCountReturnsToStart(RnnPooling pooling)
    {
        torch.manual_seed(5);
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = 20, EmbeddingSize = 4, HiddenSize = 3, HeadHiddenSize = 3, Pooling = pooling });
        using var optimizer = optim.Adam(model.parameters());
        int[][] inputs = [[2, 3, 4, 5, 6], [7], [], [8, 9]];
        int[] labels = [0, 1, 1, 0];

        // The first steps create the gradients and the optimizer state, which live on.
        TrainStep(model, optimizer, inputs, labels);
        TrainStep(model, optimizer, inputs, labels);
        var start = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var step = 0; step < 40; step++)
        {
            // The model's calls run outside any dispose scope, so a tensor escaping the model's
            // own scope would stay live. zero_grad gets a scope because TorchSharp's optimizers
            // wrap each gradient in a new tensor there.
            using var batch = model.CreateBatch(inputs, labels);
            using (torch.NewDisposeScope())
            {
                optimizer.zero_grad();
            }

            using var logits = model.ForwardBatch(batch);
            using var loss = nn.functional.cross_entropy(logits, batch.Labels!);
            loss.backward();
            optimizer.step();
        }

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(start);
    }

    [Fact]
    public void Train_NotebookSentences_LearnsThemAll()
    {
        string[] texts =
        [
            "This movie was absolutely fantastic and amazing",
            "Terrible film waste of time and money",
            "I loved every moment of this masterpiece",
            "Awful acting and horrible plot",
            "Best movie I have seen in years",
            "Boring and predictable would not recommend",
            "Brilliant cinematography and great performances",
            "Complete disaster avoid at all costs",
        ];
        int[] labels = [1, 0, 1, 0, 1, 0, 1, 0];
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var encoded = texts
            .Select(t => t.ToLowerInvariant().Split(' ').Select(w => vocabulary.TryGetValue(w, out var id) ? id : vocabulary[w] = vocabulary.Count + 2).ToArray())
            .ToArray();
        torch.manual_seed(6);
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = vocabulary.Count + 2, EmbeddingSize = 16, HiddenSize = 16, HeadHiddenSize = 16 });
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);

        for (var step = 0; step < 40; step++)
        {
            TrainStep(model, optimizer, encoded, labels);
        }

        model.eval();
        using var batch = model.CreateBatch(encoded);
        using var predictions = model.ForwardBatch(batch).argmax(1);
        predictions.data<long>().ToArray().Should().Equal(labels.Select(l => (long)l));
    }

    [Fact]
    public void StateDict_AttentionModel_HasStableNames()
    {
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = 10, EmbeddingSize = 3, HiddenSize = 3, HeadHiddenSize = 3, Pooling = RnnPooling.Attention });

        model.state_dict().Keys.Should().Contain(
        [
            "embedding.weight",
            "rnn.forward.0.weight_ih_l0",
            "rnn.backward.1.weight_hh_l0",
            "attention.0.weight",
            "attention.2.weight",
            "head.1.weight",
            "head.4.bias",
        ]);
    }

    [Fact]
    public void ForwardBatch_BagBatch_ThrowsArgumentException()
    {
        using var model = new RnnClassifier(vocabularySize: 10);
        using var batch = BagBatch.Create([new SparseDocument([1], [1f])]);

        var act = () => model.ForwardBatch(batch);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Forward_ZeroLength_ThrowsArgumentExceptionBeforeLibtorch()
    {
        using var model = new RnnClassifier(vocabularySize: 10);
        using var ids = torch.zeros(2, 3, dtype: ScalarType.Int64);
        using var lengths = torch.tensor(new long[] { 3, 0 });

        var act = () => model.call(ids, lengths);

        act.Should().Throw<ArgumentException>().WithMessage("*[1, 3]*");
    }

    [Fact]
    public void CreateBatch_MaxTokens_TruncatesAndMeasuresLikeTheBatch()
    {
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = 10, MaxTokens = 4, Truncation = TruncationStrategy.Head });
        int[] long_ = [2, 3, 4, 5, 6, 7];

        using var batch = (PaddedBatch)model.CreateBatch([long_, []], [1, 0]);

        model.GetLength(long_).Should().Be(4);
        model.GetLength([]).Should().Be(1);
        batch.Ids.data<long>().ToArray().Should().Equal(2, 3, 4, 5, 1, 0, 0, 0);
    }

    [Fact]
    public void Dispose_CalledTwice_DoesNotThrow()
    {
        var model = new RnnClassifier(vocabularySize: 10);

        model.Dispose();
        var act = model.Dispose;

        act.Should().NotThrow();
    }

    private static long ExpectedParameterCount(RnnClassifierOptions o)
    {
        long gates = o.CellType switch
        {
            RnnCellType.Lstm => 4,
            RnnCellType.Gru => 3,
            _ => 1,
        };
        long directions = o.Bidirectional ? 2 : 1;
        long hidden = o.HiddenSize;
        long total = (long)o.VocabularySize * o.EmbeddingSize;
        for (var layer = 0; layer < o.Layers; layer++)
        {
            var input = layer == 0 ? o.EmbeddingSize : directions * hidden;
            total += directions * ((gates * hidden * (input + hidden)) + (2 * gates * hidden));
        }

        var outputSize = directions * hidden;
        if (o.Pooling == RnnPooling.Attention)
        {
            total += (outputSize * hidden) + hidden + hidden;
        }

        var pooled = outputSize * (o.Pooling == RnnPooling.MeanMax ? 2 : 1);
        total += (pooled * o.HeadHiddenSize) + o.HeadHiddenSize + ((long)o.HeadHiddenSize * o.ClassCount) + o.ClassCount;
        return total;
    }

    private static void TrainStep(RnnClassifier model, optim.Optimizer optimizer, IReadOnlyList<int[]> inputs, IReadOnlyList<int> labels)
    {
        model.train();
        using var scope = torch.NewDisposeScope();
        using var batch = model.CreateBatch(inputs, labels);
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.ForwardBatch(batch), batch.Labels!);
        loss.backward();
        optimizer.step();
    }

    private static double MaxAbsDifference(Tensor a, Tensor b)
    {
        using var difference = (a - b).abs().max();
        return difference.item<float>();
    }
}
