using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Sequences;

/// <summary>Masks of real tokens for padded batches.</summary>
public static class SequenceMask
{
    /// <summary>
    /// Makes a bool <c>[batch, maxLength]</c> mask that is <see langword="true"/> at the steps
    /// <c>t &lt; lengths[b]</c>. The caller owns the tensor.
    /// </summary>
    /// <param name="lengths">The length of each sequence, an integer tensor <c>[batch]</c> on any device.</param>
    /// <param name="maxLength">The width of the mask; at least the longest length.</param>
    /// <param name="device">The device of the mask; the device of <paramref name="lengths"/> when <see langword="null"/>.</param>
    /// <returns>The mask.</returns>
    public static Tensor FromLengths(Tensor lengths, long maxLength, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (lengths.dim() != 1)
        {
            throw new ArgumentException($"Lengths must be one-dimensional [batch], but had shape [{string.Join(", ", lengths.shape)}].", nameof(lengths));
        }

        var target = device ?? lengths.device;
        using var scope = torch.NewDisposeScope();
        var steps = torch.arange(maxLength, dtype: ScalarType.Int64, device: target).unsqueeze(0);
        var limits = lengths.to(ScalarType.Int64).to(target).unsqueeze(1);
        return steps.lt(limits).MoveToOuterDisposeScope();
    }
}
