using TorchSharp;

namespace SentimentKit.Training;

/// <summary>The few libtorch calls the facade needs, so that it never touches TorchSharp itself.</summary>
internal static class Torch
{
    /// <summary>Seeds libtorch's generators (CPU and, where present, CUDA) so that initialization is reproducible.</summary>
    public static void Seed(int seed) => torch.manual_seed(seed);
}
