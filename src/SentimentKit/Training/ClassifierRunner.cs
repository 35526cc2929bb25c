using SentimentKit.Devices;
using SentimentKit.Modeling;
using TorchSharp;

namespace SentimentKit.Training;

/// <summary>
/// A trained module ready to serve: on its device, in evaluation mode, with its weights read and written as
/// streams, batched logits in input order, and attributions by the method its model family chose. The layers
/// above talk to it in arrays only.
/// </summary>
/// <typeparam name="TInput">What one example is for the module: token ids or sparse features.</typeparam>
internal sealed class ClassifierRunner<TInput> : IDisposable
{
    private readonly IAttributionMethod<TInput> _attribution;
    private bool _disposed;

    public ClassifierRunner(ITextClassifierModule<TInput> module, ComputeDevice device, IAttributionMethod<TInput> attribution)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(attribution);
        Module = module;
        Device = device;
        _attribution = attribution;
        module.TorchModule.to(device.TorchDevice);
        module.TorchModule.eval();
    }

    public ITextClassifierModule<TInput> Module { get; }

    public ComputeDevice Device { get; }

    public int ClassCount => Module.ClassCount;

    /// <summary>Gets or sets a value indicating whether the module's logits are one sigmoid per label (attributions then explain each label on its own).</summary>
    public bool MultiLabel { get; set; }

    /// <summary>Logits of every input, in input order (row-major <c>[count, classes]</c>).</summary>
    public float[] Logits(IReadOnlyList<TInput> inputs, int batchSize, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ClassifierRunner.PredictLogits(Module, inputs, Device, batchSize, cancellationToken);
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

    /// <summary>How much each element of <paramref name="input"/> pushes the log-probability of <paramref name="target"/>.</summary>
    public float[] Attributions(TInput input, int target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, ClassCount);
        return _attribution.Attribute(Module, Device, input, target, MultiLabel);
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
}

/// <summary>Batched, no-grad logits in input order, batches built from examples of similar length: what serving and validation share.</summary>
internal static class ClassifierRunner
{
    public static float[] PredictLogits<TInput>(ITextClassifierModule<TInput> model, IReadOnlyList<TInput> inputs, ComputeDevice device, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var classes = model.ClassCount;
        var logits = new float[inputs.Count * classes];
        var order = Enumerable.Range(0, inputs.Count).OrderBy(i => model.GetLength(inputs[i])).ToArray();
        var module = model.TorchModule;
        var wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                using var batch = model.CreateBatch(indices.Select(i => inputs[i]).ToArray(), null, device.TorchDevice);
                var values = model.ForwardBatch(batch).to(torch.float32).cpu().data<float>().ToArray();
                for (var k = 0; k < indices.Length; k++)
                {
                    Array.Copy(values, k * classes, logits, indices[k] * classes, classes);
                }
            }
        }
        finally
        {
            if (wasTraining)
            {
                module.train();
            }
        }

        return logits;
    }
}
