using System.Globalization;
using Microsoft.Extensions.Logging;
using SentimentKit.Data;

namespace SentimentKit.Demo;

/// <summary><c>--model auto</c> for the verbs that train: the library's automatic training, with live progress and a line per candidate on stderr.</summary>
internal static class AutoTraining
{
    public static SentimentModel Train(AutoTrainerOptions options, IReadOnlyList<TextExample> train, IReadOnlyList<TextExample>? validation, ILogger logger, CancellationToken cancellationToken)
    {
        var auto = new SentimentAutoTrainer(options, logger);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sentimentkit: auto, {options.TimeBudget.TotalSeconds:F0} s budget: every recipe cheapest first, chosen by validation accuracy"));
        return TrainingProgressView.Run(progress => auto.Train(train, validation, progress, new CandidateLines(), cancellationToken));
    }

    private sealed class CandidateLines : IProgress<LeaderboardEntry>
    {
        public void Report(LeaderboardEntry value) => Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"auto: {value.Recipe} {value.Status} after {value.Seconds:F1} s{(value.ValidationAccuracy is { } a ? $", validation accuracy {a:P2}" : string.Empty)}"));
    }
}
