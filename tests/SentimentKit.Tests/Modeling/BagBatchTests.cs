using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;

namespace SentimentKit.Tests.Modeling;

public class BagBatchTests
{
    [Fact]
    public void Create_ThreeDocuments_FlattensIdsOffsetsAndWeights()
    {
        SparseDocument[] documents =
        [
            new([3, 5], [0.5f, 0.25f]),
            new([], []),
            new([7], [1f]),
        ];

        using var batch = BagBatch.Create(documents, [1, 0, 1]);

        batch.Count.Should().Be(3);
        batch.Ids.data<long>().ToArray().Should().Equal(3, 5, 7);
        batch.Offsets.data<long>().ToArray().Should().Equal(0, 2, 2);
        batch.Weights.dtype.Should().Be(torch.ScalarType.Float32);
        batch.Weights.data<float>().ToArray().Should().Equal(0.5f, 0.25f, 1f);
        batch.Labels!.data<long>().ToArray().Should().Equal(1, 0, 1);
        batch.FeatureCount.Should().Be(3);
    }

    [Fact]
    public void Create_MismatchedWeights_ThrowsArgumentException()
    {
        var act = () => BagBatch.Create([new SparseDocument([1, 2], [1f])]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Create_IdBeyondFeatureCount_ThrowsArgumentException()
    {
        var act = () => BagBatch.Create([new SparseDocument([10], [1f])], featureCount: 10);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ToDevice_Cpu_CopiesEveryTensor()
    {
        using var batch = BagBatch.Create([new SparseDocument([4], [2f])], [1]);

        using var moved = batch.ToDevice(torch.CPU);
        batch.Dispose();

        moved.Ids.data<long>().ToArray().Should().Equal(4);
        moved.Weights.data<float>().ToArray().Should().Equal(2f);
        moved.Labels!.data<long>().ToArray().Should().Equal(1);
    }
}
