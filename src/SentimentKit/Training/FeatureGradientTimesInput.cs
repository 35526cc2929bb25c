using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Text;
using TorchSharp;

namespace SentimentKit.Training;

/// <summary>Gradient × input on the feature weights of a bag of n-grams: exact for a linear model, one attribution per feature.</summary>
internal sealed class FeatureGradientTimesInput : IAttributionMethod<SparseDocument>
{
    public static readonly FeatureGradientTimesInput Instance = new();

    public float[] Attribute(ITextClassifierModule<SparseDocument> module, ComputeDevice device, SparseDocument input, int target, bool multiLabel)
    {
        if (module is not BagOfNgramsClassifier bag)
        {
            throw new NotSupportedException($"Gradient × input on feature weights needs a {nameof(BagOfNgramsClassifier)}, not a {module.GetType().Name}.");
        }

        using var scope = torch.NewDisposeScope();
        using var grad = torch.enable_grad();
        using var batch = (BagBatch)module.CreateBatch([input], null, device.TorchDevice);
        var weights = batch.Weights.detach().clone().requires_grad_();
        var logProbabilities = AttributionTarget.LogProbabilities(bag.forward(batch.Ids, batch.Offsets, weights), multiLabel);
        logProbabilities[0, target].backward();
        return (weights.grad! * weights.detach()).to(torch.float32).cpu().data<float>().ToArray();
    }
}
