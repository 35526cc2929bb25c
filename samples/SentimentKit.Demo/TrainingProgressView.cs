using System.Diagnostics;
using System.Globalization;
using SentimentKit.Training;
using Spectre.Console;

namespace SentimentKit.Demo;

/// <summary>
/// Live training progress on stderr: a Spectre.Console progress bar on a terminal, a plain line
/// every few seconds (and at each epoch's end) when stderr is redirected.
/// </summary>
internal static class TrainingProgressView
{
    public static T Run<T>(Func<IProgress<TrainingProgress>, T> train)
    {
        if (Console.IsErrorRedirected)
        {
            return train(new PlainLines());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                var current = 0;
                return train(new Inline(p =>
                {
                    if (task is null || p.Epoch != current || p.Step < task.Value)
                    {
                        task?.StopTask();
                        task = context.AddTask($"epoch {p.Epoch}/{p.Epochs}", maxValue: p.StepsInEpoch);
                        current = p.Epoch;
                    }

                    task.Value = p.Step;
                    task.Description = Describe(p);
                }));
            });
    }

    internal static string Describe(TrainingProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsInEpoch} loss {p.Loss:F4} acc {p.Accuracy:P1} {p.SamplesPerSecond:F0} samples/s ETA {p.EstimatedTimeLeft:hh\\:mm\\:ss}");

    private sealed class Inline(Action<TrainingProgress> handler) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => handler(value);
    }

    private sealed class PlainLines : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _last;

        public void Report(TrainingProgress value)
        {
            if (value.Step == value.StepsInEpoch || _last is null || _clock.Elapsed - _last >= TimeSpan.FromSeconds(5))
            {
                _last = _clock.Elapsed;
                Console.Error.WriteLine(Describe(value));
            }
        }
    }
}
