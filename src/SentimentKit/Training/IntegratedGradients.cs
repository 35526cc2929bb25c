using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using TorchSharp;

namespace SentimentKit.Training;

/// <summary>
/// Integrated gradients on the input embeddings (Sundararajan et al. 2017) from an all-zero baseline, one
/// attribution per position of the (truncated) token ids: for every module that reads embeddings
/// (<see cref="IEmbeddingClassifier"/>).
/// </summary>
internal sealed class IntegratedGradients : IAttributionMethod<int[]>
{
    public static readonly IntegratedGradients Instance = new();

    private const int Steps = 32;

    public float[] Attribute(ITextClassifierModule<int[]> module, ComputeDevice device, int[] input, int target, bool multiLabel)
    {
        if (module is not IEmbeddingClassifier classifier)
        {
            throw new NotSupportedException($"Integrated gradients need a module that reads embeddings; {module.GetType().Name} does not.");
        }

        using var scope = torch.NewDisposeScope();
        using var grad = torch.enable_grad();
        using var batch = module.CreateBatch([input], null, device.TorchDevice);
        var padded = (PaddedBatch)batch;
        var embedded = classifier.Embed(padded.Ids).detach();
        var alphas = torch.linspace(1.0 / Steps, 1.0, Steps, dtype: embedded.dtype, device: embedded.device).view(Steps, 1, 1);
        var path = (alphas * embedded).detach().requires_grad_();
        var lengths = padded.Lengths.repeat(Steps);
        var wasTraining = module.TorchModule.training;
        classifier.SetInputGradientMode(true);
        try
        {
            var logProbabilities = AttributionTarget.LogProbabilities(classifier.ForwardEmbedded(path, lengths), multiLabel);
            logProbabilities[.., target].sum().backward();
        }
        finally
        {
            classifier.SetInputGradientMode(wasTraining);
        }

        var averageGradient = path.grad!.mean([0]);
        return (averageGradient * embedded[0]).sum(-1).to(torch.float32).cpu().data<float>().ToArray();
    }
}
