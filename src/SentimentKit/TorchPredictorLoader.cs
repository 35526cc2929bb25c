using SentimentKit.Devices;

namespace SentimentKit;

/// <summary>Loads model files into <see cref="SentimentPredictor"/>s that score on TorchSharp.</summary>
/// <param name="device">The device to load models on; <see langword="null"/> means <see cref="DevicePreference.Auto"/>.</param>
public sealed class TorchPredictorLoader(DevicePreference? device = null) : ISentimentPredictorLoader
{
    /// <summary>Gets the device models are loaded on.</summary>
    public DevicePreference Device { get; } = device ?? DevicePreference.Auto;

    /// <inheritdoc/>
    public string Runtime => "torch";

    /// <inheritdoc/>
    public ISentimentPredictor Load(string path) => SentimentPredictor.Load(path, Device);
}
