namespace SentimentKit.Devices;

/// <summary>The kind of compute device a model runs on, or how to choose one.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when a CUDA libtorch is loadable and a GPU is present, else the CPU.</summary>
    Auto = 0,

    /// <summary>The CPU.</summary>
    Cpu = 1,

    /// <summary>An NVIDIA GPU through a CUDA build of libtorch.</summary>
    Cuda = 2,
}
