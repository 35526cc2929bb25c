using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SentimentKit.Data;
using SentimentKit.Demo;
using SentimentKit.Devices;
using SentimentKit.Training;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>curve</c>: a learning curve on IMDB — each model's recommended recipe trained on a few training-set sizes
/// (random reviews of the 25,000, seeded; the recipe's own 10% held out for validation) and scored on the same
/// random test reviews — with training and prediction throughput and the resident memory while training. Each
/// result is appended to <c>OUT/curve.jsonl</c> as soon as it is measured; the table (<c>curve.md</c>) and the chart
/// (<c>curve.svg</c>) are redrawn from every line there, so runs of different models add up.
/// </summary>
/// <remarks>
/// Usage: <c>curve [--data PATH] [--models nbsvm,bilstm,transformer] [--sizes 500,2000] [--test 5000]
/// [--max-tokens N (transformer)] [--epochs N] [--device cpu] [--out artifacts/curve] [--chart-only true]</c>.
/// </remarks>
internal static class LearningCurveCommand
{
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        ["nbsvm"] = "#1f77b4", ["bilstm"] = "#ff7f0e", ["transformer"] = "#2ca02c",
    };

    public static int Run(VerbOptions options)
    {
        var folder = options.Get("out") ?? Path.Combine("artifacts", "curve");
        Directory.CreateDirectory(folder);
        var lines = Path.Combine(folder, "curve.jsonl");
        if (!options.GetFlag("chart-only"))
        {
            Measure(options, lines);
        }

        Draw(lines, folder);
        return 0;
    }

    private static void Measure(VerbOptions options, string lines)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var models = (options.Get("models") ?? "nbsvm,bilstm,transformer").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var sizes = (options.Get("sizes") ?? "500,2000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var testCount = options.GetInt("test", 5000);
        var device = DevicePreference.Parse(options.Get("device") ?? "cpu");
        var train = ImdbData.Load(path, ImdbSplit.Train).Examples;
        var test = Subset(ImdbData.Load(path, ImdbSplit.Test).Examples, testCount, seed: 2);
        foreach (var model in models)
        {
            foreach (var size in sizes)
            {
                var settings = Recipe(model, options);
                settings.Device = device;
                if (options.Get("epochs") is { } epochs)
                {
                    settings.Trainer.Epochs = int.Parse(epochs, CultureInfo.InvariantCulture);
                }

                var result = MeasureOne(model, settings, Subset(train, size, seed: 1), test);
                File.AppendAllText(lines, result.ToJsonString() + "\n");
                Console.WriteLine(result.ToJsonString());
            }
        }
    }

    private static SentimentTrainerOptions Recipe(string model, VerbOptions options)
    {
        switch (model)
        {
            case "nbsvm":
                return SentimentTrainerOptions.RecommendedNaiveBayes();
            case "bilstm":
                return SentimentTrainerOptions.Recommended(ModelKind.BiLstm);
            case "transformer":
                var settings = SentimentTrainerOptions.Recommended(ModelKind.Transformer);
                var transformer = TransformerModelOptions.Recommended(MiniLmLocator.Locate(options.Get("encoder"), "model.onnx"), MiniLmLocator.Locate(options.Get("vocab"), "vocab.txt"));
                transformer.MaxTokens = options.GetInt("max-tokens", transformer.MaxTokens);
                settings.Model = transformer;
                return settings;
            default:
                throw new ArgumentException($"--models: '{model}' is not nbsvm, bilstm or transformer.");
        }
    }

    private static JsonObject MeasureOne(string model, SentimentTrainerOptions settings, TextExample[] train, TextExample[] test)
    {
        var progress = new PeakMemory();
        var clock = Stopwatch.StartNew();
        using var trained = new SentimentTrainer(settings).Train(train, progress: progress);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var epochs = trained.Report!.History.Epochs;
        var trainSamplesPerSecond = epochs.Sum(e => e.Steps > 0 ? e.SamplesPerSecond * e.TrainSeconds : 0) / Math.Max(1e-9, epochs.Sum(e => e.TrainSeconds));
        clock.Restart();
        var metrics = trained.Evaluate(test);
        var predictSeconds = clock.Elapsed.TotalSeconds;
        var result = new JsonObject
        {
            ["model"] = model,
            ["train_count"] = train.Length,
            ["test_count"] = test.Length,
            ["accuracy"] = metrics.Accuracy,
            ["macro_f1"] = metrics.MacroF1,
            ["epochs_run"] = epochs.Count,
            ["train_wall_seconds"] = trainSeconds,
            ["train_samples_per_second"] = trainSamplesPerSecond,
            ["predict_samples_per_second"] = test.Length / predictSeconds,
            ["peak_rss_training_mb"] = progress.PeakMb,
            ["threads"] = TorchSharp.torch.get_num_threads(),
            ["utc"] = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
        };
        if (settings.Model is TransformerModelOptions transformer)
        {
            result["max_tokens"] = transformer.MaxTokens;
        }

        return result;
    }

    private static void Draw(string lines, string folder)
    {
        if (!File.Exists(lines))
        {
            return;
        }

        // The latest measurement of each (model, size) counts.
        var results = File.ReadAllLines(lines).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())
            .GroupBy(r => (Model: r["model"]!.GetValue<string>(), Size: r["train_count"]!.GetValue<int>()))
            .Select(g => g.Last())
            .OrderBy(r => Array.IndexOf(Colors.Keys.ToArray(), r["model"]!.GetValue<string>())).ThenBy(r => r["train_count"]!.GetValue<int>())
            .ToList();
        var table = new StringBuilder()
            .AppendLine("| model | training reviews | test accuracy | macro-F1 | epochs | training (s) | training samples/s | prediction samples/s | resident memory while training (MB) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var tokens = r["max_tokens"] is { } m ? FormattableString.Invariant($" ({m} tokens)") : string.Empty;
            table.AppendLine(FormattableString.Invariant(
                $"| {r["model"]}{tokens} | {r["train_count"]!.GetValue<int>():N0} | {r["accuracy"]!.GetValue<double>():P1} | {r["macro_f1"]!.GetValue<double>():F3} | {r["epochs_run"]} | {r["train_wall_seconds"]!.GetValue<double>():F0} | {r["train_samples_per_second"]!.GetValue<double>():F1} | {r["predict_samples_per_second"]!.GetValue<double>():F1} | {r["peak_rss_training_mb"]!.GetValue<double>():F0} |"));
        }

        File.WriteAllText(Path.Combine(folder, "curve.md"), table.ToString());
        var series = results.GroupBy(r => r["model"]!.GetValue<string>())
            .Select(g => new SvgCharts.Series(
                g.Key,
                [.. g.Select(r => (Math.Log10(r["train_count"]!.GetValue<int>()), r["accuracy"]!.GetValue<double>() * 100))],
                Colors.GetValueOrDefault(g.Key, "#7f7f7f")))
            .ToList();
        var sizes = results.Select(r => Math.Log10(r["train_count"]!.GetValue<int>())).DefaultIfEmpty(3).ToArray();
        var svg = SvgCharts.Lines(
            "IMDB learning curve (same 5,000 test reviews)", "training reviews (log10)", "test accuracy (%)", series, (Math.Floor(sizes.Min() * 2) / 2, Math.Ceiling(sizes.Max() * 2) / 2), (50, 100));
        File.WriteAllText(Path.Combine(folder, "curve.svg"), svg);
        Console.Write(table);
    }

    private static TextExample[] Subset(IReadOnlyList<TextExample> examples, int count, int seed)
    {
        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(seed).Shuffle(order);
        return [.. order.Take(count).Select(i => examples[i])];
    }

    // The highest resident memory seen at the training's progress reports (VmRSS, Linux; the working set elsewhere).
    // Prints where training is, once a minute, to stderr.
    private sealed class PeakMemory : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _last;

        public double PeakMb { get; private set; }

        public void Report(TrainingProgress value)
        {
            using var process = Process.GetCurrentProcess();
            PeakMb = Math.Max(PeakMb, process.WorkingSet64 / 1024.0 / 1024.0);
            if (_last is null || _clock.Elapsed - _last >= TimeSpan.FromMinutes(1))
            {
                _last = _clock.Elapsed;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {value.Epoch}/{value.Epochs} step {value.Step}/{value.StepsInEpoch} loss {value.Loss:F3} {value.SamplesPerSecond:F1} samples/s, {PeakMb:F0} MB"));
            }
        }
    }
}
