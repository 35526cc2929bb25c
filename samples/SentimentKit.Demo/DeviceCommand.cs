using System.CommandLine;
using SentimentKit.Devices;

namespace SentimentKit.Demo;

/// <summary><c>sentimentkit device</c>: resolves a device and describes it.</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var device = CommonOptions.Device();
        var command = new Command("device", "Resolve a device and describe it (libtorch version and folder, threads, GPU).") { device };
        command.SetAction(result =>
        {
            Console.Out.WriteLine(TorchBackend.Resolve(CommonOptions.ParseDevice(result.GetValue(device)!)).Describe());
            return 0;
        });
        return command;
    }
}
