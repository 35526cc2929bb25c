using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Sequences;

/// <summary>
/// A batch of examples as tensors, ready for a model: padded id sequences
/// (<see cref="PaddedBatch"/>) or sparse weighted bags (<see cref="Modeling.BagBatch"/>).
/// </summary>
/// <remarks>
/// A batch owns its tensors: they are detached from any dispose scope when the batch is made,
/// so that a batch can outlive the scope it was built in (a validation set built once, for
/// example). Dispose the batch to release them.
/// </remarks>
public abstract class ModelBatch : IDisposable
{
    private bool _disposed;

    /// <summary>Initializes a new batch.</summary>
    /// <param name="count">The number of examples.</param>
    /// <param name="labels">The class index of each example, int64 <c>[count]</c>, or <see langword="null"/>.</param>
    protected ModelBatch(int count, Tensor? labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        Labels = labels?.DetachFromDisposeScope();
    }

    /// <summary>Gets the number of examples in the batch.</summary>
    public int Count { get; }

    /// <summary>Gets the class index of each example (int64 <c>[Count]</c>), or <see langword="null"/> when the batch has no labels.</summary>
    public Tensor? Labels { get; }

    /// <summary>Gets the device that the model inputs are on.</summary>
    public abstract Device Device { get; }

    /// <summary>Gets a value indicating whether the batch has been disposed.</summary>
    protected bool IsDisposed => _disposed;

    /// <summary>
    /// Copies the batch to a device. The caller owns both batches and disposes both.
    /// </summary>
    /// <param name="device">The target device.</param>
    /// <returns>A new batch whose tensors are on <paramref name="device"/>.</returns>
    public abstract ModelBatch ToDevice(Device device);

    /// <summary>
    /// Moves a batch just built on the CPU to <paramref name="device"/>, disposing the CPU copy;
    /// returns the batch itself when the device is the CPU or <see langword="null"/>.
    /// </summary>
    internal ModelBatch MoveFromCpu(Device? device)
    {
        if (device is null || device.type == DeviceType.CPU)
        {
            return this;
        }

        using (this)
        {
            return ToDevice(device);
        }
    }

    /// <summary>Releases the tensors of the batch. Calling it again does nothing.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the tensors of the batch.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            Labels?.Dispose();
        }
    }

    /// <summary>Throws when the batch has been disposed.</summary>
    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Makes an int64 label tensor, checking every label against the example count.</summary>
    /// <param name="labels">The class index of each example.</param>
    /// <param name="count">The number of examples.</param>
    /// <returns>The label tensor on the CPU.</returns>
    protected static Tensor CreateLabels(IReadOnlyList<int> labels, int count)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != count)
        {
            throw new ArgumentException($"Expected {count} labels, one per example, but got {labels.Count}.", nameof(labels));
        }

        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException($"Label {i} is negative ({labels[i]}); labels are class indices.", nameof(labels));
            }

            values[i] = labels[i];
        }

        return torch.tensor(values, dtype: ScalarType.Int64);
    }
}
