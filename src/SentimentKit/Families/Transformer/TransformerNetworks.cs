using System.Text.Json;
using SentimentKit.Artifacts;
using SentimentKit.Modeling;
using SentimentKit.Onnx;

namespace SentimentKit.Families.Transformer;

/// <summary>
/// The module's options to and from the manifest's <c>network</c> (<see cref="TransformerNetworkSection"/>, which
/// core reads without TorchSharp). The section is by definition the options as the manifest stores them, so both
/// directions go through that JSON: nothing to keep in step by hand, and a test pins that every option survives.
/// </summary>
internal static class TransformerNetworks
{
    public static TransformerNetworkSection ToSection(TransformerClassifierOptions options) => Convert<TransformerNetworkSection>(options);

    public static TransformerClassifierOptions ToOptions(TransformerNetworkSection section) => Convert<TransformerClassifierOptions>(section);

    private static T Convert<T>(object value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, ArtifactJson.Options), ArtifactJson.Options)!;
}
