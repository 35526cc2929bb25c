using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>
/// A trained module ready to serve: on its device, in evaluation mode, with its weights read and
/// written as streams, batched logits and attributions. The facade talks to this in arrays.
/// </summary>
/// <typeparam name="TInput">Token ids for the RNN, sparse features for the baseline.</typeparam>
internal sealed class ClassifierHost<TInput> : IDisposable
{
    private const int IntegratedGradientSteps = 32;
    private bool _disposed;

    public ClassifierHost(ITextClassifierModule<TInput> module, ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(device);
        Module = module;
        Device = device;
        module.TorchModule.to(device.TorchDevice);
        module.TorchModule.eval();
    }

    public ITextClassifierModule<TInput> Module { get; }

    public ComputeDevice Device { get; }

    public int ClassCount => Module.NumClasses;

    /// <summary>Logits of every input, in input order (row-major <c>[count, classes]</c>).</summary>
    public float[] Logits(IReadOnlyList<TInput> inputs, int batchSize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ClassifierInference.PredictLogits(Module, inputs, Device, batchSize);
    }

    public void SaveWeights(Stream stream)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        Module.TorchModule.save(writer);
    }

    /// <summary>Reads weights written by <see cref="SaveWeights"/>; every name and shape must match.</summary>
    /// <exception cref="InvalidDataException">The weights do not fit the module.</exception>
    public void LoadWeights(Stream stream)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            Module.TorchModule.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or NotImplementedException or System.Runtime.InteropServices.ExternalException)
        {
            throw new InvalidDataException($"The weights do not fit the model: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>
    /// How much each input element pushes the log-probability of <paramref name="target"/>: per
    /// position of the (truncated) token ids for the RNN, by integrated gradients on the embeddings
    /// from an all-zero baseline; per feature for the baseline, by gradient × input on the feature
    /// weights (exact for a linear model).
    /// </summary>
    public float[] Attributions(TInput input, int target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, ClassCount);
        using var scope = torch.NewDisposeScope();
        using var grad = torch.enable_grad();
        using var batch = Module.CreateBatch([input], null, Device.TorchDevice);
        return (Module, batch) switch
        {
            (RnnClassifier rnn, PaddedBatch padded) => IntegratedGradients(rnn, padded, target),
            (BagOfNgramsClassifier bag, BagBatch bags) => FeatureGradientTimesInput(bag, bags, target),
            _ => throw new NotSupportedException($"Attributions are not implemented for {Module.GetType().Name}."),
        };
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Module.Dispose();
    }

    private static float[] IntegratedGradients(RnnClassifier rnn, PaddedBatch padded, int target)
    {
        var embedded = rnn.Embed(padded.Ids).detach();
        var steps = IntegratedGradientSteps;
        var alphas = torch.linspace(1.0 / steps, 1.0, steps, dtype: embedded.dtype, device: embedded.device).view(steps, 1, 1);
        var path = (alphas * embedded).detach().requires_grad_();
        var lengths = padded.Lengths.repeat(steps);
        var training = rnn.training;
        rnn.SetRecurrentCellsTraining(true);
        try
        {
            var logProbabilities = rnn.ForwardEmbedded(path, lengths).log_softmax(1);
            logProbabilities[.., target].sum().backward();
        }
        finally
        {
            rnn.SetRecurrentCellsTraining(training);
        }

        var averageGradient = path.grad!.mean([0]);
        return (averageGradient * embedded[0]).sum(-1).to(torch.float32).cpu().data<float>().ToArray();
    }

    private static float[] FeatureGradientTimesInput(BagOfNgramsClassifier bag, BagBatch batch, int target)
    {
        var weights = batch.Weights.detach().clone().requires_grad_();
        var logProbabilities = bag.forward(batch.Ids, batch.Offsets, weights).log_softmax(1);
        logProbabilities[0, target].backward();
        return (weights.grad! * weights.detach()).to(torch.float32).cpu().data<float>().ToArray();
    }
}
