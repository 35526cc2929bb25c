// A throwaway app that uses SentimentKit only as a NuGet package (see eng/consumer-check.sh).
using SentimentKit.Devices;

try
{
    var device = TorchBackend.Resolve(DevicePreference.Auto);
    Console.WriteLine($"consumer: SentimentKit {typeof(TorchBackend).Assembly.GetName().Version} runs on {device.Describe()}");
    return 0;
}
catch (NativeBackendException e)
{
    Console.WriteLine($"consumer: {e.Message}");
    return 3;
}
