using System.Globalization;
using TorchSharp;

namespace SentimentKit.Devices;

/// <summary>
/// A resolved compute device, with what logs and reports need to say about it.
/// Get one from <see cref="TorchBackend.Resolve(DevicePreference)"/>.
/// </summary>
public sealed class ComputeDevice
{
    internal ComputeDevice(DeviceKind kind, int? index, string name, long? totalMemoryBytes, string libTorchVersion, string? libTorchPath, int cpuThreads)
    {
        Kind = kind;
        Index = index;
        Name = name;
        TotalMemoryBytes = totalMemoryBytes;
        LibTorchVersion = libTorchVersion;
        LibTorchPath = libTorchPath;
        CpuThreads = cpuThreads;
    }

    /// <summary>Gets the kind of device: <see cref="DeviceKind.Cpu"/> or <see cref="DeviceKind.Cuda"/>.</summary>
    public DeviceKind Kind { get; }

    /// <summary>Gets the GPU index for CUDA; <see langword="null"/> for the CPU.</summary>
    public int? Index { get; }

    /// <summary>Gets the processor or GPU model name.</summary>
    public string Name { get; }

    /// <summary>Gets the GPU's total memory in bytes where it is known; <see langword="null"/> for the CPU.</summary>
    public long? TotalMemoryBytes { get; }

    /// <summary>Gets the version of the libtorch in use (that of an installed PyTorch where one is loaded).</summary>
    public string LibTorchVersion { get; }

    /// <summary>Gets the folder the libtorch in use was loaded from, where it can be found.</summary>
    public string? LibTorchPath { get; }

    /// <summary>Gets the number of CPU threads libtorch used for intra-op work when the device was resolved.</summary>
    public int CpuThreads { get; }

    /// <summary>Gets <see langword="true"/> for a CUDA device.</summary>
    public bool IsCuda => Kind == DeviceKind.Cuda;

    /// <summary>Gets the TorchSharp device for the layers that move tensors.</summary>
    internal torch.Device TorchDevice => IsCuda ? new torch.Device(DeviceType.CUDA, Index ?? 0) : torch.CPU;

    /// <summary>Gets the short device identifier: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public string Id => IsCuda ? string.Create(CultureInfo.InvariantCulture, $"cuda:{Index ?? 0}") : "cpu";

    /// <summary>Describes the device in one line for logs and reports.</summary>
    /// <returns>For example <c>cuda:0 (NVIDIA H200, 139.8 GiB) · libtorch 2.11.0 (/opt/torch/lib) · 16 CPU threads</c>.</returns>
    public string Describe()
    {
        var memory = TotalMemoryBytes is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $", {bytes / (1024.0 * 1024 * 1024):F1} GiB")
            : string.Empty;
        var path = LibTorchPath is null ? string.Empty : $" ({LibTorchPath})";
        return string.Create(CultureInfo.InvariantCulture, $"{Id} ({Name}{memory}) · libtorch {LibTorchVersion}{path} · {CpuThreads} CPU threads");
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
