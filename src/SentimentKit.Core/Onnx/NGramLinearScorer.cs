using System.Globalization;
using SentimentKit.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// Scores sparse documents with a <c>BagOfNgramsClassifier</c>'s weights in managed code, without TorchSharp or
/// ONNX Runtime: each document's logits are the weighted sum of its features' rows plus the bias, exactly what the
/// module's <c>EmbeddingBag</c> (sum mode, per-sample weights) computes. Thread-safe; allocates nothing per document.
/// </summary>
internal sealed class NGramLinearScorer
{
    private readonly float[] _weight;
    private readonly float[] _bias;

    /// <summary>Initializes a scorer from a state dict's float tensors.</summary>
    /// <param name="weights">
    /// <c>bag.weight</c>, the class scores of each feature <c>[features, classes]</c>, and <c>bias</c> <c>[classes]</c>
    /// (for example from <see cref="TorchStateDict.ToFloatTensors"/>). The arrays are used as they are, not copied.
    /// </param>
    /// <exception cref="ArgumentException">A weight is missing or the shapes do not fit together.</exception>
    public NGramLinearScorer(IReadOnlyDictionary<string, FloatTensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var lookup = new WeightLookup(weights);
        var weight = lookup.GetMatrix(NGramOnnxGraph.WeightKey);
        FeatureCount = (int)weight.Shape[0];
        ClassCount = (int)weight.Shape[1];
        _weight = weight.Values;
        _bias = lookup.Get(NGramOnnxGraph.BiasKey, ClassCount).Values;
    }

    /// <summary>Gets the number of feature ids.</summary>
    public int FeatureCount { get; }

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Computes one document's logits.</summary>
    /// <param name="document">The document; a default or empty one scores as the bias.</param>
    /// <param name="logits">Where to write the logits; exactly <see cref="ClassCount"/> long.</param>
    /// <exception cref="ArgumentException">The ids and weights differ in length, an id is outside the features, or <paramref name="logits"/> has the wrong length.</exception>
    public void Score(SparseDocument document, Span<float> logits)
    {
        if (logits.Length != ClassCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The logits span must hold {ClassCount} values, not {logits.Length}."), nameof(logits));
        }

        ReadOnlySpan<int> ids = document.Ids;
        ReadOnlySpan<float> weights = document.Weights;
        if (ids.Length != weights.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The document has {ids.Length} ids but {weights.Length} weights; they must pair up."), nameof(document));
        }

        // Fused multiply-adds, as libtorch's embedding-bag kernel (fbgemm) accumulates, so that the logits match the
        // module's to the last bit. Two classes (the usual case) keep both sums in registers.
        if (ClassCount == 2)
        {
            float first = 0, second = 0;
            for (var j = 0; j < ids.Length; j++)
            {
                var row = Row(ids[j]);
                first = MathF.FusedMultiplyAdd(weights[j], row[0], first);
                second = MathF.FusedMultiplyAdd(weights[j], row[1], second);
            }

            logits[0] = first + _bias[0];
            logits[1] = second + _bias[1];
            return;
        }

        logits.Clear();
        for (var j = 0; j < ids.Length; j++)
        {
            var row = Row(ids[j]);
            for (var c = 0; c < row.Length; c++)
            {
                logits[c] = MathF.FusedMultiplyAdd(weights[j], row[c], logits[c]);
            }
        }

        for (var c = 0; c < logits.Length; c++)
        {
            logits[c] += _bias[c];
        }
    }

    /// <summary>Computes the logits of several documents.</summary>
    /// <param name="documents">The documents.</param>
    /// <returns>Row-major <c>[documents, classes]</c> logits.</returns>
    /// <exception cref="ArgumentException">A document is malformed (see <see cref="Score(SparseDocument, Span{float})"/>).</exception>
    public float[] Score(IReadOnlyList<SparseDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var logits = new float[documents.Count * ClassCount];
        for (var i = 0; i < documents.Count; i++)
        {
            Score(documents[i], logits.AsSpan(i * ClassCount, ClassCount));
        }

        return logits;
    }

    /// <summary>
    /// Gradient × input of one document's log-probability of <paramref name="target"/> with respect to each feature
    /// weight: exact for this linear model, and what the TorchSharp runtime computes with autograd. The log-probability
    /// is the log-softmax over the classes, or for a multi-label model (<paramref name="multiLabel"/>) the label's own
    /// log-sigmoid.
    /// </summary>
    /// <param name="document">The document.</param>
    /// <param name="target">The class explained.</param>
    /// <param name="multiLabel">Whether the logits are one sigmoid per label.</param>
    /// <returns>One attribution per entry of the document, in its order.</returns>
    /// <exception cref="ArgumentException">The document is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not a class.</exception>
    public float[] Attributions(SparseDocument document, int target, bool multiLabel = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, ClassCount);
        Span<float> logits = ClassCount <= 256 ? stackalloc float[ClassCount] : new float[ClassCount];
        Score(document, logits);
        var result = new float[document.Count];
        if (multiLabel)
        {
            // d log σ(z_target) / d w_j = (1 − σ(z_target)) W[id, target].
            var away = 1 - Artifacts.MultiLabelSection.Sigmoid(logits[target]);
            for (var j = 0; j < result.Length; j++)
            {
                result[j] = document.Weights[j] * away * Row(document.Ids[j])[target];
            }

            return result;
        }

        Span<float> probabilities = ClassCount <= 256 ? stackalloc float[ClassCount] : new float[ClassCount];
        SentimentKit.Evaluation.TemperatureScaling.Softmax(logits, 1, probabilities);
        for (var j = 0; j < result.Length; j++)
        {
            // d log p_target / d w_j = W[id, target] − Σ_c p_c W[id, c].
            var row = Row(document.Ids[j]);
            var expected = 0f;
            for (var c = 0; c < row.Length; c++)
            {
                expected += probabilities[c] * row[c];
            }

            result[j] = document.Weights[j] * (row[target] - expected);
        }

        return result;
    }

    private ReadOnlySpan<float> Row(int id)
    {
        if ((uint)id >= (uint)FeatureCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Feature id {id} is outside [0, {FeatureCount})."));
        }

        return _weight.AsSpan(id * ClassCount, ClassCount);
    }
}
