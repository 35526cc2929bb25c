using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Modeling;

public class BagOfNgramsClassifierTests
{
    [Fact]
    public void Forward_KnownWeights_IsWeightedSumOfRowsPlusBias()
    {
        using var model = new BagOfNgramsClassifier(featureCount: 4, classCount: 3);
        using (torch.no_grad())
        {
            model.get_parameter("bag.weight")!.copy_(torch.arange(12, dtype: ScalarType.Float32).view(4, 3));
            model.get_parameter("bias")!.copy_(torch.tensor(new[] { 0.5f, -0.5f, 1f }));
        }

        using var batch = model.CreateBatch([new SparseDocument([1, 3], [2f, 0.5f]), new SparseDocument([], [])]);
        using var logits = model.ForwardBatch(batch);

        // Row 1 is [3, 4, 5] and row 3 is [9, 10, 11]: 2 * row1 + 0.5 * row3 + bias.
        logits.data<float>().ToArray().Should().Equal(11f, 12.5f, 16.5f, 0.5f, -0.5f, 1f);
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
        using var model = new BagOfNgramsClassifier(featureCount: 4, classCount: 3);
        model.to(device);

        using var batch = model.CreateBatch([new SparseDocument([1, 3], [2f, 0.5f])], [2], device);
        using var logits = model.ForwardBatch(batch);

        batch.Device.type.Should().Be(device.type);
        logits.device_type.Should().Be(device.type);
        logits.shape.Should().Equal(1, 3);
    }

    [Fact]
    public void Constructor_AnySize_HasOneRowPerFeaturePlusBiasAndStartsAtZero()
    {
        using var model = new BagOfNgramsClassifier(new BagOfNgramsClassifierOptions { FeatureCount = 100, ClassCount = 5 });

        model.parameters().Sum(p => p.numel()).Should().Be((100 * 5) + 5);
        model.parameters().Should().OnlyContain(p => p.abs().sum().item<float>() == 0f);
        model.state_dict().Keys.Should().BeEquivalentTo("bag.weight", "bias");
    }

    [Fact]
    public void Train_SeparableDocuments_LearnsThemWithWeightDecay()
    {
        torch.manual_seed(1);
        SparseDocument[] documents =
        [
            new([0, 2], [1f, 0.5f]),
            new([1, 3], [1f, 0.5f]),
            new([0, 4], [0.7f, 0.7f]),
            new([1, 4], [0.7f, 0.7f]),
        ];
        int[] labels = [1, 0, 1, 0];
        using var model = new BagOfNgramsClassifier(featureCount: 5);
        using var optimizer = optim.Adam(model.parameters(), lr: 0.1, weight_decay: 1e-4);

        var firstLoss = 0f;
        var lastLoss = 0f;
        for (var step = 0; step < 30; step++)
        {
            using var scope = torch.NewDisposeScope();
            using var batch = model.CreateBatch(documents, labels);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.ForwardBatch(batch), batch.Labels!);
            loss.backward();
            optimizer.step();
            lastLoss = loss.item<float>();
            if (step == 0)
            {
                firstLoss = lastLoss;
            }
        }

        firstLoss.Should().BeApproximately(MathF.Log(2), 1e-5f, "zero weights predict uniform probabilities");
        lastLoss.Should().BeLessThan(0.1f);
    }

    [Fact]
    public void Train_ManySteps_LiveTensorCountReturnsToStart()
    {
        using var model = new BagOfNgramsClassifier(featureCount: 6);
        using var optimizer = optim.SGD(model.parameters(), 0.1, weight_decay: 1e-3);
        SparseDocument[] documents = [new([0, 5], [1f, 2f]), new([], []), new([3], [1f])];
        int[] labels = [1, 0, 1];

        var (start, end) = ITextClassifierModuleTests.CountLiveTensors(model, optimizer, documents, labels, steps: 40);

        end.Should().Be(start);
    }

    [Fact]
    public void CreateBatch_IdBeyondFeatureCount_ThrowsArgumentException()
    {
        using var model = new BagOfNgramsClassifier(featureCount: 3);

        var act = () => model.CreateBatch([new SparseDocument([3], [1f])]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ForwardBatch_PaddedBatch_ThrowsArgumentException()
    {
        using var model = new BagOfNgramsClassifier(featureCount: 3);
        using var batch = new SequencePadder().Pad([[2]]);

        var act = () => model.ForwardBatch(batch);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void GetLength_Document_IsFeatureCount()
    {
        using var model = new BagOfNgramsClassifier(featureCount: 3);

        model.GetLength(new SparseDocument([0, 2], [1f, 1f])).Should().Be(2);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsInvalidOptionsException()
    {
        var act = () => new BagOfNgramsClassifier(featureCount: 0, classCount: 1);

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(2);
    }
}
