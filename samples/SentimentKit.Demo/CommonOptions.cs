using System.CommandLine;
using Microsoft.Extensions.Logging;
using SentimentKit.Devices;

namespace SentimentKit.Demo;

/// <summary>Options several verbs share, and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string> Device() => Choice("--device", "auto, cpu, cuda or cuda:N.", "auto");

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on stdout and nothing else there." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Log the library's messages to stderr." };

    public static Option<string> Choice(string name, string description, string defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>The <c>--model</c> option: the recipe to train (see <see cref="TrainCommand.Recipe"/>).</summary>
    public static Option<string> Model(string description)
    {
        var option = Choice("--model", description, "bilstm");
        option.AcceptOnlyFromAmong("bilstm", "gru", "baseline", "nbsvm");
        return option;
    }

    public static DevicePreference ParseDevice(string text) =>
        DevicePreference.TryParse(text, out var preference)
            ? preference
            : throw new UsageException($"--device '{text}' is not one of auto, cpu, cuda or cuda:N.");

    public static ILoggerFactory Logging(bool verbose) => LoggerFactory.Create(builder => builder
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning));
}
