using SentimentKit.Devices;
using SentimentKit.Onnx;

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
        "onnx" => new OnnxPredictorLoader(),
        _ => throw new UsageException($"--runtime '{runtime}' must be one of: {string.Join(", ", Runtimes)}."),
    };
}
