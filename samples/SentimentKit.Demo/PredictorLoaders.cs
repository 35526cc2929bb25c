using SentimentKit.Devices;

namespace SentimentKit.Demo;

/// <summary>
/// The one place where <c>--runtime</c> becomes the loader that reads model files, for every verb that takes it.
/// </summary>
internal static class PredictorLoaders
{
    public static readonly string[] Runtimes = ["torch", "onnx"];

    public static ISentimentPredictorLoader For(string runtime, DevicePreference device) => runtime switch
    {
        "torch" => new TorchPredictorLoader(device),

        // The libtorch-free runtime is another package, not part of this build yet: when it is, its loader goes here.
        "onnx" => throw new UsageException("the onnx runtime is not available in this build"),
        _ => throw new UsageException($"--runtime '{runtime}' must be one of: {string.Join(", ", Runtimes)}."),
    };
}
