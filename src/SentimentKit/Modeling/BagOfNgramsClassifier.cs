using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// The n-gram model: multinomial logistic regression on weighted n-gram features (TF-IDF or Naive Bayes). An
/// <c>EmbeddingBag</c> in sum mode holds one row of class scores per feature; a document's logits
/// are the weighted sum of its features' rows plus a bias. Train it like any other module (the
/// optimizer's weight decay is the L2 penalty of logistic regression).
/// </summary>
/// <remarks>
/// Inputs: flat ids (int64), offsets (int64 <c>[batch]</c>) and per-id weights (float32), as in
/// <see cref="BagBatch"/>. Output: logits <c>[batch, ClassCount]</c>. Weights start at zero,
/// as usual for a convex model. State-dict names: <c>bag.weight</c>, <c>bias</c>.
/// </remarks>
public sealed class BagOfNgramsClassifier : nn.Module<Tensor, Tensor, Tensor, Tensor>, ITextClassifierModule<SparseDocument>
{
    [ComponentName(Name = "bag")]
    private readonly EmbeddingBag _bag;

    [ComponentName(Name = "bias")]
    private readonly Parameter _bias;

    private readonly BagOfNgramsClassifierOptions _options;

    /// <summary>Initializes a classifier.</summary>
    /// <param name="featureCount">The number of feature ids.</param>
    /// <param name="classCount">The number of classes; at least 2.</param>
    public BagOfNgramsClassifier(int featureCount, int classCount = 2)
        : this(new BagOfNgramsClassifierOptions { FeatureCount = featureCount, ClassCount = classCount })
    {
    }

    /// <summary>Initializes a classifier.</summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> is invalid.</exception>
    public BagOfNgramsClassifier(BagOfNgramsClassifierOptions options)
        : base(ValidatedName(options))
    {
        _options = options.Clone();
        _bag = nn.EmbeddingBag(options.FeatureCount, options.ClassCount, mode: EmbeddingBagMode.Sum);
        _bias = new Parameter(torch.zeros(options.ClassCount));
        using (torch.no_grad())
        {
            _bag.weight!.zero_();
        }

        RegisterComponents();
    }

    /// <summary>Gets a copy of the settings.</summary>
    public BagOfNgramsClassifierOptions Options => _options.Clone();

    /// <inheritdoc/>
    public int ClassCount => _options.ClassCount;

    /// <summary>Gets the number of feature ids.</summary>
    public int FeatureCount => _options.FeatureCount;

    /// <inheritdoc/>
    nn.Module ITextClassifierModule.TorchModule => this;

    /// <inheritdoc/>
    public int GetLength(SparseDocument input) => input.Count;

    /// <inheritdoc/>
    public ModelBatch CreateBatch(IReadOnlyList<SparseDocument> inputs, IReadOnlyList<int>? labels = null, Device? device = null)
    {
        return BagBatch.Create(inputs, labels, _options.FeatureCount).MoveFromCpu(device);
    }

    /// <inheritdoc/>
    public Tensor ForwardBatch(ModelBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not BagBatch bags)
        {
            throw new ArgumentException($"{nameof(BagOfNgramsClassifier)} reads a {nameof(BagBatch)}, not a {batch.GetType().Name}.", nameof(batch));
        }

        return call(bags.Ids, bags.Offsets, bags.Weights);
    }

    /// <summary>Computes the class logits.</summary>
    /// <param name="ids">The feature ids of all documents, int64, one document after another.</param>
    /// <param name="offsets">Where each document starts in <paramref name="ids"/>, int64 <c>[batch]</c>.</param>
    /// <param name="weights">The weight of each id, float32, the same length as <paramref name="ids"/>.</param>
    /// <returns>The logits, <c>[batch, ClassCount]</c>.</returns>
    public override Tensor forward(Tensor ids, Tensor offsets, Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(weights);
        using var scope = torch.NewDisposeScope();
        var scores = _bag.call(ids, offsets, weights.to(_bias.dtype));
        return (scores + _bias).MoveToOuterDisposeScope();
    }

    private static string ValidatedName(BagOfNgramsClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return nameof(BagOfNgramsClassifier);
    }
}
