namespace SentimentKit.Devices;

/// <summary>Why a requested device cannot be used.</summary>
public enum DeviceUnavailableReason
{
    /// <summary>No CUDA build of libtorch is loaded: the app references only a CPU backend.</summary>
    NoCudaLibTorch = 1,

    /// <summary>A CUDA libtorch is loaded but reports no usable GPU (no device, or no driver).</summary>
    NoGpu = 2,

    /// <summary>The GPU index asked for is not below the number of GPUs present.</summary>
    BadIndex = 3,
}
