using SentimentKit.Sequences;
using TorchSharp;

namespace SentimentKit.Tests.Sequences;

public class PaddedBatchTests
{
    [Fact]
    public void CreateMask_VariableLengths_TrueOnRealTokensOnly()
    {
        using var batch = new SequencePadder().Pad([[4, 5, 6], [7]]);

        using var mask = batch.CreateMask();

        mask.dtype.Should().Be(torch.ScalarType.Bool);
        mask.data<bool>().ToArray().Should().Equal(true, true, true, true, false, false);
    }

    [Fact]
    public void PaddingEfficiency_VariableLengths_IsRealOverSlots()
    {
        using var batch = new SequencePadder().Pad([[4, 5, 6, 7], [7]]);

        batch.PaddedSlots.Should().Be(8);
        batch.PaddingEfficiency.Should().BeApproximately(5.0 / 8, 1e-12);
    }

    [Fact]
    public void ToDevice_Cpu_CopiesTensorsAndKeepsLengthsOnCpu()
    {
        using var batch = new SequencePadder().Pad([[4, 5], [7]], [0, 1]);

        using var moved = batch.ToDevice(torch.CPU);
        batch.Dispose();

        moved.Ids.data<long>().ToArray().Should().Equal(4, 5, 7, 0);
        moved.Lengths.device_type.Should().Be(DeviceType.CPU);
        moved.Labels!.data<long>().ToArray().Should().Equal(0, 1);
    }

    [Fact]
    public void Dispose_CalledTwice_DoesNotThrow()
    {
        var batch = new SequencePadder().Pad([[4]]);

        batch.Dispose();
        var act = batch.Dispose;

        act.Should().NotThrow();
    }

    [Fact]
    public void Pad_InsideDisposeScope_BatchOutlivesScope()
    {
        PaddedBatch batch;
        using (torch.NewDisposeScope())
        {
            batch = new SequencePadder().Pad([[4, 5]]);
        }

        using (batch)
        {
            batch.Ids.data<long>().ToArray().Should().Equal(4, 5);
        }
    }
}
