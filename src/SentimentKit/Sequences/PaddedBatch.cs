using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Sequences;

/// <summary>
/// Id sequences padded to a rectangle: ids <c>[Count, MaxLength]</c> (int64), the real length of
/// each sequence (int64 <c>[Count]</c>, always on the CPU, as packing requires) and optional labels.
/// Made by <see cref="SequencePadder"/>.
/// </summary>
public sealed class PaddedBatch : ModelBatch
{
    internal PaddedBatch(Tensor ids, Tensor lengths, Tensor? labels, int maxLength, long tokenCount)
        : base(checked((int)lengths.shape[0]), labels)
    {
        Ids = ids.DetachFromDisposeScope();
        Lengths = lengths.DetachFromDisposeScope();
        MaxLength = maxLength;
        TokenCount = tokenCount;
    }

    /// <summary>Gets the padded ids, int64 <c>[Count, MaxLength]</c>; padded slots hold the pad id.</summary>
    public Tensor Ids { get; }

    /// <summary>Gets the number of real tokens of each sequence, int64 <c>[Count]</c> on the CPU; each at least 1.</summary>
    public Tensor Lengths { get; }

    /// <summary>Gets the length of the longest sequence, which is the width of <see cref="Ids"/>.</summary>
    public int MaxLength { get; }

    /// <summary>Gets the number of real (non-padding) tokens in the batch.</summary>
    public long TokenCount { get; }

    /// <summary>Gets the number of slots in <see cref="Ids"/>: <see cref="ModelBatch.Count"/> × <see cref="MaxLength"/>.</summary>
    public long PaddedSlots => (long)Count * MaxLength;

    /// <summary>Gets the share of slots that hold real tokens: <see cref="TokenCount"/> / <see cref="PaddedSlots"/>.</summary>
    public double PaddingEfficiency => PaddedSlots == 0 ? 1.0 : (double)TokenCount / PaddedSlots;

    /// <inheritdoc/>
    public override Device Device => Ids.device;

    /// <summary>
    /// Makes the mask of real tokens, bool <c>[Count, MaxLength]</c> on the device of <see cref="Ids"/>:
    /// <see langword="true"/> where a slot holds a real token. The caller owns the tensor.
    /// </summary>
    /// <returns>The mask.</returns>
    public Tensor CreateMask()
    {
        ThrowIfDisposed();
        return SequenceMask.FromLengths(Lengths, MaxLength, Ids.device);
    }

    /// <summary>
    /// Copies the ids and labels to a device; the lengths stay on the CPU. The caller owns both batches.
    /// </summary>
    /// <param name="device">The target device.</param>
    /// <returns>A new batch on <paramref name="device"/>.</returns>
    public override PaddedBatch ToDevice(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        ThrowIfDisposed();
        return new PaddedBatch(Ids.to(device), Lengths.clone(), Labels?.to(device), MaxLength, TokenCount);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!IsDisposed && disposing)
        {
            Ids.Dispose();
            Lengths.Dispose();
        }

        base.Dispose(disposing);
    }

    internal static PaddedBatch Create(IReadOnlyList<int[]> sequences, IReadOnlyList<int>? labels, int padId)
    {
        var count = sequences.Count;
        var maxLength = 0;
        long tokenCount = 0;
        for (var i = 0; i < count; i++)
        {
            maxLength = Math.Max(maxLength, sequences[i].Length);
            tokenCount += sequences[i].Length;
        }

        var ids = new long[(long)count * maxLength];
        if (padId != 0)
        {
            Array.Fill(ids, padId);
        }

        var lengths = new long[count];
        for (var i = 0; i < count; i++)
        {
            var sequence = sequences[i];
            var row = (long)i * maxLength;
            for (var t = 0; t < sequence.Length; t++)
            {
                ids[row + t] = sequence[t];
            }

            lengths[i] = sequence.Length;
        }

        var idsTensor = torch.tensor(ids, new long[] { count, maxLength }, dtype: ScalarType.Int64);
        var lengthsTensor = torch.tensor(lengths, dtype: ScalarType.Int64);
        var labelsTensor = labels is null ? null : CreateLabels(labels, count);
        return new PaddedBatch(idsTensor, lengthsTensor, labelsTensor, maxLength, tokenCount);
    }
}
