using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A stack of (bi)directional LSTM, GRU or plain RNN layers over a right-padded batch that
/// computes exactly what packed sequences compute — every sequence read only over its own length,
/// the backward direction starting at its last real token — without packing.
/// </summary>
/// <remarks>
/// libtorch's CPU kernels run packed sequences one time step at a time, and the backward pass of
/// each step's slice allocates and zeroes a gradient as large as the whole batch: quadratic in the
/// sequence length (a 64 × 400 BiLSTM batch took 28 s backward packed against 0.7 s unpacked on this
/// project's 2-core machine). Here each direction runs unpacked, which is exact because a
/// recurrence is causal: outputs at real steps never see the padding that follows them. The
/// backward direction reads each sequence reversed within its own length, so its padding also
/// comes last. Outputs at padded steps are zeroed, as unpacking would give them.
/// </remarks>
internal sealed class MaskedRecurrence : nn.Module<Tensor, Tensor, (Tensor Output, Tensor Final)>
{
    [TorchSharp.Utils.ComponentName(Name = "forward")]
    private readonly ModuleList<nn.Module> _forwardLayers;

    [TorchSharp.Utils.ComponentName(Name = "backward")]
    private readonly ModuleList<nn.Module> _backwardLayers;

    [TorchSharp.Utils.ComponentName(Name = "dropout")]
    private readonly Dropout _dropout;
    private readonly int _layers;
    private readonly bool _bidirectional;

    public MaskedRecurrence(RnnCellType cell, long inputSize, long hiddenSize, int layers, bool bidirectional, double dropout)
        : base(nameof(MaskedRecurrence))
    {
        _layers = layers;
        _bidirectional = bidirectional;
        _forwardLayers = new ModuleList<nn.Module>();
        _backwardLayers = new ModuleList<nn.Module>();
        for (var layer = 0; layer < layers; layer++)
        {
            var size = layer == 0 ? inputSize : hiddenSize * (bidirectional ? 2 : 1);
            _forwardLayers.Add(Cell(cell, size, hiddenSize));
            if (bidirectional)
            {
                _backwardLayers.Add(Cell(cell, size, hiddenSize));
            }
        }

        _dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>
    /// Switches only the recurrent cells (not the dropout between layers) to training or evaluation mode. The cells
    /// hold no dropout of their own, so their outputs are the same in both; cuDNN, though, runs an RNN's backward
    /// pass only in training mode, which gradients with respect to the inputs (explanations) need.
    /// </summary>
    internal void SetCellsTraining(bool training)
    {
        foreach (var cell in _forwardLayers.Concat(_backwardLayers))
        {
            cell.train(training);
        }
    }

    /// <summary>Runs the stack.</summary>
    /// <param name="input"><c>[batch, time, features]</c>, right-padded.</param>
    /// <param name="lengths"><c>[batch]</c> int64 real lengths, each in <c>[1, time]</c>.</param>
    /// <returns>
    /// The last layer's outputs <c>[batch, time, hidden × directions]</c> (zero at padded steps) and
    /// its final states <c>[directions, batch, hidden]</c>: the forward direction's at each
    /// sequence's last real step, the backward direction's at its first.
    /// </returns>
    public override (Tensor Output, Tensor Final) forward(Tensor input, Tensor lengths)
    {
        using var scope = torch.NewDisposeScope();
        var batch = input.shape[0];
        var time = input.shape[1];
        var lengthsHere = lengths.to(ScalarType.Int64, input.device).unsqueeze(1);
        var steps = torch.arange(time, dtype: ScalarType.Int64, device: input.device).unsqueeze(0).expand(batch, time);
        var valid = steps.lt(lengthsHere);
        // Position t of a reversed sequence reads position length-1-t; padded steps stay where they are.
        var reversal = torch.where(valid, lengthsHere - 1 - steps, steps);
        var last = (lengthsHere - 1).view(batch, 1, 1);

        var x = input;
        Tensor? forwardFinal = null, backwardFinal = null;
        for (var layer = 0; layer < _layers; layer++)
        {
            if (layer > 0)
            {
                x = _dropout.call(x);
            }

            var forwardOut = Run(_forwardLayers[layer], x);
            forwardFinal = forwardOut.gather(1, last.expand(batch, 1, forwardOut.shape[2])).squeeze(1);
            if (!_bidirectional)
            {
                x = forwardOut;
                continue;
            }

            var reversedOut = Run(_backwardLayers[layer], Reverse(x, reversal));
            backwardFinal = reversedOut.gather(1, last.expand(batch, 1, reversedOut.shape[2])).squeeze(1);
            x = torch.cat([forwardOut, Reverse(reversedOut, reversal)], -1);
        }

        var output = x * valid.unsqueeze(-1).to(x.dtype);
        var final = _bidirectional ? torch.stack([forwardFinal!, backwardFinal!]) : forwardFinal!.unsqueeze(0);
        return (output.MoveToOuterDisposeScope(), final.MoveToOuterDisposeScope());
    }

    private static Tensor Reverse(Tensor x, Tensor reversal) =>
        x.gather(1, reversal.unsqueeze(-1).expand(x.shape[0], x.shape[1], x.shape[2]));

    private static Tensor Run(nn.Module cell, Tensor x) => cell switch
    {
        LSTM lstm => RunLstm(lstm, x),
        GRU gru => gru.call(x).Item1,
        RNN rnn => rnn.call(x).Item1,
        _ => throw new InvalidOperationException($"Unexpected recurrent cell {cell.GetType().Name}."),
    };

    /// <summary>
    /// Runs an LSTM layer. On the CPU without gradients libtorch hands float LSTMs to oneDNN's inference
    /// path, which gives wrong outputs on AVX-512 processors in libtorch 2.10 for some hidden sizes (off by up to
    /// 0.56 at 4 and 16, right at 32 and 128; a small BiLSTM that scored 100% on validation with gradients on scored
    /// 77.5% without them; capping oneDNN at AVX2 made them agree). With gradients on the outputs are right, so
    /// inference runs the layer that way and drops the graph at once.
    /// </summary>
    private static Tensor RunLstm(LSTM lstm, Tensor x)
    {
        if (torch.is_grad_enabled() || x.device_type != DeviceType.CPU)
        {
            return lstm.call(x).Item1;
        }

        using var grad = torch.enable_grad();
        return lstm.call(x).Item1.detach();
    }

    private static nn.Module Cell(RnnCellType cell, long inputSize, long hiddenSize) => cell switch
    {
        RnnCellType.Lstm => nn.LSTM(inputSize, hiddenSize, 1, batchFirst: true),
        RnnCellType.Gru => nn.GRU(inputSize, hiddenSize, 1, batchFirst: true),
        _ => nn.RNN(inputSize, hiddenSize, 1, batchFirst: true),
    };
}
