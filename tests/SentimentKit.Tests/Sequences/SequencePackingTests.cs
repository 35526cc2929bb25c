using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Sequences;

public class SequencePackingTests
{
    private const long InputSize = 3;
    private const long HiddenSize = 4;
    private const double Tolerance = 1e-5;

    // Unsorted, with ties and length-1 sequences, as in the issue.
    private static readonly long[] Lengths = [2, 10, 1, 6, 10, 1, 2];
    private static readonly int[] IntLengths = [1, 4, 2];

    public enum Cell
    {
        Lstm,
        Gru,
    }

    [Theory]
    [InlineData(Cell.Lstm)]
    [InlineData(Cell.Gru)]
    public void Pack_BidirectionalTwoLayers_MatchesRunningEachSequenceAlone(Cell cell)
    {
        torch.manual_seed(7);
        using var module = cell == Cell.Lstm
            ? (nn.Module)nn.LSTM(InputSize, HiddenSize, numLayers: 2, batchFirst: true, bidirectional: true, dtype: ScalarType.Float64)
            : nn.GRU(InputSize, HiddenSize, numLayers: 2, batchFirst: true, bidirectional: true, dtype: ScalarType.Float64);
        module.eval();
        var batch = Lengths.Length;
        var maxLength = Lengths.Max();
        using var input = torch.randn(batch, maxLength, InputSize, dtype: ScalarType.Float64);
        using var lengths = torch.tensor(Lengths);

        // Batched: one packed run.
        Tensor batchedOutput, batchedHidden;
        double[][] batchedGradients;
        using (var scope = torch.NewDisposeScope())
        {
            var packed = SequencePacking.Pack(input, lengths);
            var (packedOutput, hidden) = Run(module, packed);
            var (output, outLengths) = SequencePacking.Unpack(packedOutput, totalLength: maxLength);
            outLengths.data<long>().ToArray().Should().Equal(Lengths);
            (output.sum() + hidden.sum()).backward();
            batchedOutput = output.detach().MoveToOuterDisposeScope();
            batchedHidden = hidden.detach().MoveToOuterDisposeScope();
        }

        batchedGradients = GradientsAndReset(module);

        // One sequence at a time, gradients accumulating over the sequences.
        using var aloneOutputs = torch.zeros(batch, maxLength, 2 * HiddenSize, dtype: ScalarType.Float64);
        using var aloneHidden = torch.zeros(4, batch, HiddenSize, dtype: ScalarType.Float64);
        for (var b = 0; b < batch; b++)
        {
            using var scope = torch.NewDisposeScope();
            var length = Lengths[b];
            var single = input[b].narrow(0, 0, length).unsqueeze(0);
            var (output, hidden) = RunPadded(module, single);
            (output.sum() + hidden.sum()).backward();
            using (torch.no_grad())
            {
                aloneOutputs[b].narrow(0, 0, length).copy_(output[0]);
                aloneHidden.select(1, b).copy_(hidden.select(1, 0));
            }
        }

        var aloneGradients = GradientsAndReset(module);

        using (batchedOutput)
        using (batchedHidden)
        {
            MaxAbsDifference(batchedOutput, aloneOutputs).Should().BeLessThan(Tolerance);
            MaxAbsDifference(batchedHidden, aloneHidden).Should().BeLessThan(Tolerance);
        }

        batchedGradients.Should().HaveCount(aloneGradients.Length).And.HaveCountGreaterThan(0);
        for (var p = 0; p < batchedGradients.Length; p++)
        {
            batchedGradients[p].Zip(aloneGradients[p], (x, y) => Math.Abs(x - y)).Max().Should().BeLessThan(Tolerance);
        }
    }

    [Fact]
    public void Pack_LengthsOnOtherDtype_AreConvertedForLibtorch()
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.randn(3, 4, 2);
        var lengths = torch.tensor(IntLengths);

        var packed = SequencePacking.Pack(input, lengths);

        packed.batch_sizes.data<long>().ToArray().Should().Equal(3, 2, 1, 1);
    }

    [Fact]
    public void Unpack_TotalLength_PadsToRequestedWidth()
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.ones(2, 3, 1);
        var packed = SequencePacking.Pack(input, torch.tensor(new long[] { 3, 1 }));

        var (padded, lengths) = SequencePacking.Unpack(packed, totalLength: 5);

        padded.shape.Should().Equal(2, 5, 1);
        padded.sum().item<float>().Should().Be(4f);
        lengths.data<long>().ToArray().Should().Equal(3, 1);
    }

    [Fact]
    public void GatherLastValid_VariableLengths_PicksStepLengthMinusOne()
    {
        using var scope = torch.NewDisposeScope();
        var padded = torch.arange(2 * 3 * 2, dtype: ScalarType.Float32).view(2, 3, 2);

        var last = SequencePacking.GatherLastValid(padded, torch.tensor(new long[] { 3, 1 }));

        last.data<float>().ToArray().Should().Equal(4f, 5f, 6f, 7f);
    }

    private static (nn.utils.rnn.PackedSequence Output, Tensor Hidden) Run(nn.Module module, nn.utils.rnn.PackedSequence packed)
    {
        switch (module)
        {
            case TorchSharp.Modules.LSTM lstm:
                var (output, h, _) = lstm.call(packed);
                return (output, h);
            case TorchSharp.Modules.GRU gru:
                return gru.call(packed);
            default:
                throw new NotSupportedException();
        }
    }

    private static (Tensor Output, Tensor Hidden) RunPadded(nn.Module module, Tensor input)
    {
        switch (module)
        {
            case TorchSharp.Modules.LSTM lstm:
                var (output, h, _) = lstm.call(input);
                return (output, h);
            case TorchSharp.Modules.GRU gru:
                return gru.call(input);
            default:
                throw new NotSupportedException();
        }
    }

    private static double[][] GradientsAndReset(nn.Module module)
    {
        var gradients = new List<double[]>();
        foreach (var parameter in module.parameters())
        {
            using var grad = parameter.grad!;
            gradients.Add(grad.data<double>().ToArray());
        }

        module.zero_grad();
        return gradients.ToArray();
    }

    private static double MaxAbsDifference(Tensor a, Tensor b)
    {
        using var difference = (a - b).abs().max();
        return difference.item<double>();
    }
}
