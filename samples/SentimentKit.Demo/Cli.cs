using SentimentKit.Devices;

namespace SentimentKit.Demo;

/// <summary>Parses the command line and runs a verb. Exit codes: 0 success, 2 bad usage, 1 other failures.</summary>
internal static class Cli
{
    private const string Usage = """
        usage: sentimentkit <verb> [options]

        verbs:
          device [--device auto|cpu|cuda|cuda:N]   resolve a device and describe it
          demo | train | evaluate | predict        the training pipeline (not in this version yet)
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                "device" => Device(args[1..]),
                "demo" or "train" or "evaluate" or "predict" => NotYet(args[0]),
                _ => BadUsage($"unknown verb '{args[0]}' (expected device, demo, train, evaluate or predict)"),
            };
        }
        catch (FormatException e)
        {
            return BadUsage(e.Message);
        }
        catch (DeviceUnavailableException e)
        {
            return BadUsage(e.Message);
        }
        catch (NativeBackendException e)
        {
            Console.Error.WriteLine($"sentimentkit: {e.Message}");
            return 1;
        }
    }

    private static int Device(string[] args)
    {
        var preference = DevicePreference.Auto;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--device" && i + 1 < args.Length)
            {
                preference = DevicePreference.Parse(args[++i]);
            }
            else
            {
                return BadUsage($"unknown option '{args[i]}' for 'device' (expected --device auto|cpu|cuda|cuda:N)");
            }
        }

        Console.Out.WriteLine(TorchBackend.Resolve(preference).Describe());
        return 0;
    }

    private static int NotYet(string verb)
    {
        Console.Error.WriteLine($"sentimentkit: '{verb}' needs the training pipeline, which this version of SentimentKit does not have yet.");
        return 1;
    }

    private static int BadUsage(string reason)
    {
        Console.Error.WriteLine($"sentimentkit: {reason}");
        return 2;
    }
}
