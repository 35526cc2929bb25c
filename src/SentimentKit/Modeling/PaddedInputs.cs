using SentimentKit.Sequences;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>The argument checks of the models that read padded id sequences (<see cref="RnnClassifier"/>, <see cref="TransformerClassifier"/>).</summary>
internal static class PaddedInputs
{
    /// <summary>The batch as a <see cref="PaddedBatch"/>, or an <see cref="ArgumentException"/> naming the model.</summary>
    public static PaddedBatch Expect(ModelBatch batch, string modelName)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch as PaddedBatch
            ?? throw new ArgumentException($"{modelName} reads a {nameof(PaddedBatch)}, not a {batch.GetType().Name}.", nameof(batch));
    }

    /// <summary>Checks ids <c>[batch, time]</c> and lengths <c>[batch]</c>, each length in <c>[1, time]</c>.</summary>
    public static void Check(Tensor ids, Tensor lengths)
    {
        if (ids.dim() != 2)
        {
            throw new ArgumentException($"Ids must be [batch, time], but had shape [{string.Join(", ", ids.shape)}].", nameof(ids));
        }

        if (lengths.dim() != 1 || lengths.shape[0] != ids.shape[0])
        {
            throw new ArgumentException($"Lengths must be [{ids.shape[0]}], but had shape [{string.Join(", ", lengths.shape)}].", nameof(lengths));
        }

        // A zero length would make a recurrence gather from step -1 and leave attention nothing to
        // attend to (a softmax over nothing is NaN); libtorch would fail, or not, far from the cause.
        var shortest = lengths.min().item<long>();
        var longest = lengths.max().item<long>();
        if (shortest < 1 || longest > ids.shape[1])
        {
            throw new ArgumentException($"Every length must be in [1, {ids.shape[1]}], but they ranged over [{shortest}, {longest}]; pad with {nameof(SequencePadder)}, which turns an empty sequence into one unknown token.", nameof(lengths));
        }
    }
}
