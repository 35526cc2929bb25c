using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace SentimentKit.Sequences;

/// <summary>
/// Thin helpers over libtorch's packed sequences for batch-first padded tensors, so that a
/// recurrent layer never runs over padding.
/// </summary>
internal static class SequencePacking
{
    /// <summary>
    /// Packs a batch-first padded tensor. The batch need not be sorted by length.
    /// </summary>
    /// <param name="padded">The padded input, <c>[batch, time, *]</c>.</param>
    /// <param name="lengths">The length of each sequence, <c>[batch]</c>; each at least 1 and at most <c>time</c>.
    /// It is copied to the CPU as int64 when it is not there already, as libtorch requires.</param>
    /// <returns>The packed sequence; it belongs to the current dispose scope, if any.</returns>
    public static PackedSequence Pack(Tensor padded, Tensor lengths)
    {
        ArgumentNullException.ThrowIfNull(padded);
        ArgumentNullException.ThrowIfNull(lengths);
        if (padded.dim() < 2)
        {
            throw new ArgumentException($"The padded input must be [batch, time, ...], but had shape [{string.Join(", ", padded.shape)}].", nameof(padded));
        }

        if (lengths.dim() != 1 || lengths.shape[0] != padded.shape[0])
        {
            throw new ArgumentException($"Lengths must be [{padded.shape[0]}] (one per sequence), but had shape [{string.Join(", ", lengths.shape)}].", nameof(lengths));
        }

        if (lengths.device_type == DeviceType.CPU && lengths.dtype == ScalarType.Int64)
        {
            return pack_padded_sequence(padded, lengths, batch_first: true, enforce_sorted: false);
        }

        using var cpuLengths = lengths.to(ScalarType.Int64, CPU);
        return pack_padded_sequence(padded, cpuLengths, batch_first: true, enforce_sorted: false);
    }

    /// <summary>
    /// Unpacks a packed sequence into a batch-first padded tensor in the original batch order.
    /// </summary>
    /// <param name="packed">The packed sequence.</param>
    /// <param name="totalLength">The width of the result; the longest length when <see langword="null"/>.</param>
    /// <param name="paddingValue">The value of padded slots.</param>
    /// <returns>The padded output <c>[batch, time, *]</c> and the lengths (int64 on the CPU).</returns>
    public static (Tensor Padded, Tensor Lengths) Unpack(PackedSequence packed, long? totalLength = null, double paddingValue = 0.0)
    {
        ArgumentNullException.ThrowIfNull(packed);
        return pad_packed_sequence(packed, batch_first: true, padding_value: paddingValue, total_length: totalLength);
    }

    /// <summary>
    /// Gathers the output at each sequence's last valid step, <c>padded[b, lengths[b] - 1]</c>.
    /// </summary>
    /// <remarks>
    /// For a bidirectional layer only the forward half of that step summarizes the sequence (the
    /// backward half has seen one token); use the final hidden states for both directions.
    /// </remarks>
    /// <param name="padded">The batch-first output, <c>[batch, time, features]</c>.</param>
    /// <param name="lengths">The length of each sequence, <c>[batch]</c>, on any device.</param>
    /// <returns>The last valid outputs, <c>[batch, features]</c>.</returns>
    public static Tensor GatherLastValid(Tensor padded, Tensor lengths)
    {
        ArgumentNullException.ThrowIfNull(padded);
        ArgumentNullException.ThrowIfNull(lengths);
        if (padded.dim() != 3)
        {
            throw new ArgumentException($"The output must be [batch, time, features], but had shape [{string.Join(", ", padded.shape)}].", nameof(padded));
        }

        using var scope = torch.NewDisposeScope();
        var batch = padded.shape[0];
        var features = padded.shape[2];
        var index = (lengths.to(ScalarType.Int64).to(padded.device) - 1)
            .clamp_min(0)
            .view(batch, 1, 1)
            .expand(batch, 1, features);
        return padded.gather(1, index).squeeze(1).MoveToOuterDisposeScope();
    }
}
