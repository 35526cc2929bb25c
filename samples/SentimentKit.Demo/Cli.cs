using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Scoring;
using SentimentKit.Sequences;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Demo;

/// <summary>
/// Builds the command line and maps failures to exit codes: 0 success, 2 bad usage or bad input
/// (one line on stderr), 1 anything else. stdout carries results only; progress and logs go to stderr.
/// </summary>
internal static partial class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Not a RootCommand: that takes its name from the assembly (SentimentKit.Demo) for every usage line.
        var root = new Command("sentimentkit", "SentimentKit: train, evaluate and serve text classifiers on TorchSharp.")
        {
            new HelpOption(),
            new VersionOption(),
            DemoCommand.Create(),
            TrainCommand.Create(),
            EvaluateCommand.Create(),
            PredictCommand.Create(),
            ExportCommand.Create(),
            ServeCommand.Create(),
            ScoreCommand.Create(),
            WorkerCommand.Create(),
            DeviceCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var reasons = string.Join("; ", parsed.Errors.Select(e => Friendly(e.Message)).Distinct(StringComparer.Ordinal));
            Console.Error.WriteLine($"sentimentkit: {reasons} (see sentimentkit --help)");
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            Console.Error.WriteLine($"sentimentkit: {OneLine(e.Message)}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("sentimentkit: cancelled.");
            return 1;
        }
        catch (TimeoutException e)
        {
            // --model auto with a budget too short for any candidate: nothing to save.
            Console.Error.WriteLine($"sentimentkit: {OneLine(e.Message)}");
            return 1;
        }
        catch (NativeBackendException e)
        {
            Console.Error.WriteLine($"sentimentkit: {OneLine(e.Message)}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"sentimentkit: {OneLine(e.Message)}");
            return 1;
        }
        catch (Exception e)
        {
            // A bug, not bad input: one line, and the whole trace only when asked for.
            Console.Error.WriteLine($"sentimentkit: unexpected {e.GetType().Name}: {OneLine(e.Message)}{(Environment.GetEnvironmentVariable("SENTIMENTKIT_TRACE") == "1" ? Environment.NewLine + e : " (set SENTIMENTKIT_TRACE=1 for the stack trace)")}");
            return 1;
        }
    }

    // Only the library's typed errors about the user's input are exit 2; any other ArgumentException is a bug (exit 1).
    private static bool IsBadInput(Exception e) => e is UsageException
        or DataFormatException or TextFormatException or ModelFormatException or Onnx.OnnxFormatException or OnnxExportNotSupportedException
        or FileNotFoundException or DirectoryNotFoundException
        or InvalidOptionsException or InvalidTrainingDataException or DeviceUnavailableException
        or InvalidQueueAddressException or QueueUnavailableException or ScoringJobException
        or Modeling.PretrainedModelException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    // System.CommandLine names the .NET type it could not parse to (System.Nullable`1[System.Int32]); say what is wanted instead.
    private static string Friendly(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success)
        {
            return OneLine(message);
        }

        var type = match.Groups["type"].Value;
        var wanted = type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ? "a number"
            : "a valid value";
        return $"{match.Groups["option"].Value} '{match.Groups["value"].Value}' is not {wanted}.";
    }

    [GeneratedRegex(@"Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex CannotParse();
}
