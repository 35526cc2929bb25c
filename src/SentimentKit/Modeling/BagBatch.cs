using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// Sparse weighted documents in the layout of <c>EmbeddingBag</c>: every feature id of the batch
/// in one flat int64 tensor, the offset where each document starts (int64 <c>[Count]</c>) and the
/// weight of each id (float32, the same length as the ids). An empty document is an empty bag.
/// </summary>
public sealed class BagBatch : ModelBatch
{
    private BagBatch(Tensor ids, Tensor offsets, Tensor weights, Tensor? labels, int count)
        : base(count, labels)
    {
        Ids = ids.DetachFromDisposeScope();
        Offsets = offsets.DetachFromDisposeScope();
        Weights = weights.DetachFromDisposeScope();
    }

    /// <summary>Gets the feature ids of all documents, one after another, int64 <c>[FeatureCount]</c>.</summary>
    public Tensor Ids { get; }

    /// <summary>Gets where each document's ids start in <see cref="Ids"/>, int64 <c>[Count]</c>.</summary>
    public Tensor Offsets { get; }

    /// <summary>Gets the weight of each id, float32 <c>[FeatureCount]</c> (the per-sample weights of <c>EmbeddingBag</c>).</summary>
    public Tensor Weights { get; }

    /// <summary>Gets the total number of (id, weight) pairs in the batch.</summary>
    public long FeatureCount => Ids.shape[0];

    /// <inheritdoc/>
    public override Device Device => Ids.device;

    /// <summary>
    /// Builds a batch on the CPU from sparse documents.
    /// </summary>
    /// <param name="documents">The documents; at least one.</param>
    /// <param name="labels">The class index of each document, or <see langword="null"/>.</param>
    /// <param name="featureCount">When set, every id must be below it (the size of the model's feature table).</param>
    /// <returns>The batch; the caller disposes it.</returns>
    public static BagBatch Create(IReadOnlyList<SparseDocument> documents, IReadOnlyList<int>? labels = null, int? featureCount = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one document.", nameof(documents));
        }

        var count = documents.Count;
        var offsets = new long[count];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var document = documents[i];
            var ids = document.Ids ?? [];
            var weights = document.Weights ?? [];
            if (ids.Length != weights.Length)
            {
                throw new ArgumentException($"Document {i} has {ids.Length} ids but {weights.Length} weights; they must pair up.", nameof(documents));
            }

            offsets[i] = total;
            total += ids.Length;
        }

        var flatIds = new long[total];
        var flatWeights = new float[total];
        for (var i = 0; i < count; i++)
        {
            var ids = documents[i].Ids ?? [];
            var weights = documents[i].Weights ?? [];
            var start = offsets[i];
            for (var j = 0; j < ids.Length; j++)
            {
                var id = ids[j];
                if (id < 0 || (featureCount is { } limit && id >= limit))
                {
                    throw new ArgumentException($"Document {i} has feature id {id}, outside [0, {(featureCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞")}).", nameof(documents));
                }

                flatIds[start + j] = id;
                flatWeights[start + j] = weights[j];
            }
        }

        var labelsTensor = labels is null ? null : CreateLabels(labels, count);
        return new BagBatch(
            torch.tensor(flatIds, dtype: ScalarType.Int64),
            torch.tensor(offsets, dtype: ScalarType.Int64),
            torch.tensor(flatWeights, dtype: ScalarType.Float32),
            labelsTensor,
            count);
    }

    /// <summary>Copies the batch to a device. The caller owns both batches.</summary>
    /// <param name="device">The target device.</param>
    /// <returns>A new batch on <paramref name="device"/>.</returns>
    public override BagBatch ToDevice(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        ThrowIfDisposed();
        return new BagBatch(Ids.to(device), Offsets.to(device), Weights.to(device), Labels?.to(device), Count);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!IsDisposed && disposing)
        {
            Ids.Dispose();
            Offsets.Dispose();
            Weights.Dispose();
        }

        base.Dispose(disposing);
    }
}
