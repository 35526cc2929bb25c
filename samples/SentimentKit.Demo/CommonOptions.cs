using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SentimentKit.Devices;

namespace SentimentKit.Demo;

/// <summary>Options several verbs share, and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string> Device() => Choice("--device", "auto, cpu, cuda or cuda:N.", "auto");

    /// <summary>The <c>--runtime</c> option: what scores the model (<see cref="PredictorLoaders"/>).</summary>
    public static Option<string> Runtime() =>
        OneOf(Choice("--runtime", "torch (TorchSharp) or onnx (ONNX Runtime, without libtorch).", "torch"), PredictorLoaders.Runtimes);

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on stdout and nothing else there." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Log the library's messages to stderr." };

    public static Option<string> Choice(string name, string description, string defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>The <c>--model</c> value that picks the recipe by validation within <c>--time-budget</c>.</summary>
    public const string Auto = "auto";

    /// <summary>The <c>--model</c> option: a named recipe of the library (<see cref="SentimentTrainerOptions.Recipes"/>), or <c>auto</c>.</summary>
    public static Option<string> Model(string defaultValue = "bilstm")
    {
        var recipes = SentimentTrainerOptions.Recipes;
        var option = Choice("--model", $"{Auto}: every recipe cheapest first within --time-budget, the best on validation kept; " + string.Join("; ", recipes.Select(r => $"{r.Name}: {r.Description}")) + ".", defaultValue);
        return OneOf(option, [Auto, .. recipes.Select(r => r.Name)]);
    }

    /// <summary>The <c>--time-budget</c> option of <c>--model auto</c>, in seconds.</summary>
    public static Option<double?> TimeBudget(double defaultSeconds) =>
        new("--time-budget") { Description = string.Create(CultureInfo.InvariantCulture, $"Seconds for --model auto to train its candidates in (default {defaultSeconds}).") };

    /// <summary>Checks <c>--time-budget</c>: only with <c>--model auto</c>, a positive number of seconds.</summary>
    public static TimeSpan ParseTimeBudget(double? seconds, double defaultSeconds, bool auto)
    {
        if (seconds is not { } value)
        {
            return TimeSpan.FromSeconds(defaultSeconds);
        }

        return !auto ? throw new UsageException("--time-budget applies to --model auto.")
            : double.IsFinite(value) && value > 0 && value <= 7 * 24 * 3600 ? TimeSpan.FromSeconds(value)
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--time-budget must be a positive number of seconds, at most a week (got {value})."));
    }

    /// <summary>
    /// Restricts an option to a list of values with a one-line error ("--x 'v' must be one of: a, b, c"), where
    /// System.CommandLine's own check would print the list over several lines.
    /// </summary>
    public static Option<T> OneOf<T>(Option<T> option, IReadOnlyList<string> allowed)
    {
        option.CompletionSources.Add(allowed.ToArray());
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} '{value}' must be one of: {string.Join(", ", allowed)}.");
            }
        });
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
