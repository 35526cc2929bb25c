using SentimentKit.Modeling;
using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Modeling;

public class MaskedRecurrenceTests
{
    private const long InputSize = 3;
    private const long HiddenSize = 4;
    private const double Tolerance = 1e-9;
    private static readonly long[] Lengths = [2, 10, 1, 6, 10, 1, 2];

    [Theory]
    [InlineData(RnnCellType.Lstm)]
    [InlineData(RnnCellType.Gru)]
    [InlineData(RnnCellType.Rnn)]
    public void Forward_BidirectionalTwoLayers_EqualsPackedSequencesWithTheSameWeights(RnnCellType cell)
    {
        torch.manual_seed(11);
        using var packedModule = cell switch
        {
            RnnCellType.Lstm => (nn.Module)nn.LSTM(InputSize, HiddenSize, numLayers: 2, batchFirst: true, bidirectional: true, dtype: ScalarType.Float64),
            RnnCellType.Gru => nn.GRU(InputSize, HiddenSize, numLayers: 2, batchFirst: true, bidirectional: true, dtype: ScalarType.Float64),
            _ => nn.RNN(InputSize, HiddenSize, numLayers: 2, batchFirst: true, bidirectional: true, dtype: ScalarType.Float64),
        };
        using var masked = new MaskedRecurrence(cell, InputSize, HiddenSize, layers: 2, bidirectional: true, dropout: 0);
        masked.to(ScalarType.Float64);
        CopyPackedWeights(packedModule, masked);
        using var input = torch.randn(Lengths.Length, Lengths.Max(), InputSize, dtype: ScalarType.Float64);
        using var lengths = torch.tensor(Lengths);

        using var scope = torch.NewDisposeScope();
        var packed = SequencePacking.Pack(input, lengths);
        var (packedOutput, packedFinal) = RunPacked(packedModule, packed);
        var (expectedOutput, _) = SequencePacking.Unpack(packedOutput, totalLength: Lengths.Max());
        var expectedFinal = packedFinal[2..4];
        (expectedOutput.sum() + expectedFinal.sum()).backward();

        var (output, final) = masked.call(input, lengths);
        (output.sum() + final.sum()).backward();

        (output - expectedOutput).abs().max().item<double>().Should().BeLessThan(Tolerance);
        (final - expectedFinal).abs().max().item<double>().Should().BeLessThan(Tolerance);
        var packedGradients = packedModule.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        foreach (var (name, parameter) in masked.named_parameters())
        {
            var gradient = packedGradients[PackedName(name)];
            (parameter.grad! - gradient).abs().max().item<double>().Should().BeLessThan(Tolerance, name);
        }
    }

    [Theory]
    [InlineData(RnnCellType.Lstm)]
    [InlineData(RnnCellType.Gru)]
    [InlineData(RnnCellType.Rnn)]
    public void Forward_Float32WithoutGradients_EqualsFloat64Reference(RnnCellType cell)
    {
        // libtorch 2.10's oneDNN LSTM inference path is wrong on AVX-512 processors at hidden size 16; inference must not take it.
        torch.manual_seed(5);
        using var masked = new MaskedRecurrence(cell, 16, 16, layers: 2, bidirectional: true, dropout: 0);
        masked.eval();
        using var scope = torch.NewDisposeScope();
        var input = torch.randn(64, 30, 16);
        var lengths = torch.randint(1, 31, [64], dtype: ScalarType.Int64);
        Tensor output;
        using (torch.no_grad())
        {
            output = masked.call(input, lengths).Output;
        }

        masked.to(ScalarType.Float64);
        using (torch.no_grad())
        {
            var reference = masked.call(input.to(ScalarType.Float64), lengths).Output;
            (output.to(ScalarType.Float64) - reference).abs().max().item<double>().Should().BeLessThan(1e-4);
        }
    }

    [Fact]
    public void Forward_PaddedSteps_AreZeroAndMoreTrailingPaddingChangesNothing()
    {
        torch.manual_seed(3);
        using var masked = new MaskedRecurrence(RnnCellType.Lstm, InputSize, HiddenSize, layers: 1, bidirectional: true, dropout: 0);
        using var scope = torch.NewDisposeScope();
        var input = torch.randn(2, 5, InputSize);
        var longer = torch.cat([input, torch.randn(2, 7, InputSize)], 1);
        var lengths = torch.tensor(new long[] { 5, 3 });

        var (output, final) = masked.call(input, lengths);
        var (outputLonger, finalLonger) = masked.call(longer, lengths);

        output[1, 3..].abs().max().item<float>().Should().Be(0);
        (outputLonger[.., ..5] - output).abs().max().item<float>().Should().BeLessThan(1e-6f);
        outputLonger[.., 5..].abs().max().item<float>().Should().Be(0);
        (finalLonger - final).abs().max().item<float>().Should().BeLessThan(1e-6f);
    }

    [Fact]
    public void Forward_Unidirectional_FinalStateIsOutputAtLastRealStep()
    {
        torch.manual_seed(4);
        using var masked = new MaskedRecurrence(RnnCellType.Gru, InputSize, HiddenSize, layers: 2, bidirectional: false, dropout: 0);
        using var scope = torch.NewDisposeScope();
        var lengths = torch.tensor(new long[] { 4, 2, 1 });

        var (output, final) = masked.call(torch.randn(3, 4, InputSize), lengths);

        output.shape.Should().Equal(3, 4, HiddenSize);
        final.shape.Should().Equal(1, 3, HiddenSize);
        for (var b = 0; b < 3; b++)
        {
            var last = lengths[b].item<long>() - 1;
            (final[0, b] - output[b, last]).abs().max().item<float>().Should().Be(0);
        }
    }

    private static (nn.utils.rnn.PackedSequence Output, Tensor Final) RunPacked(nn.Module module, nn.utils.rnn.PackedSequence packed)
    {
        switch (module)
        {
            case TorchSharp.Modules.LSTM lstm:
                var (output, hidden, _) = lstm.call(packed);
                return (output, hidden);
            case TorchSharp.Modules.GRU gru:
                return gru.call(packed);
            case TorchSharp.Modules.RNN rnn:
                return rnn.call(packed);
            default:
                throw new InvalidOperationException($"Unexpected module {module.GetType().Name}.");
        }
    }

    // forward.{k}.weight_ih_l0 <-> weight_ih_l{k}; backward.{k}.weight_ih_l0 <-> weight_ih_l{k}_reverse
    private static string PackedName(string maskedName)
    {
        var parts = maskedName.Split('.');
        var name = parts[2].Replace("_l0", "_l" + parts[1], StringComparison.Ordinal);
        return parts[0] == "backward" ? name + "_reverse" : name;
    }

    private static void CopyPackedWeights(nn.Module packed, MaskedRecurrence masked)
    {
        var source = packed.state_dict();
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in masked.state_dict())
        {
            tensor.copy_(source[PackedName(name)]);
        }
    }
}
