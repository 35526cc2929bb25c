using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Training;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>imdb</c>: IMDB end to end — load, prepare, train on the 25k training reviews, evaluate on
/// the 25k test reviews — with per-phase times, samples/s, test accuracy and macro-F1 after every
/// epoch, and peak memory. The test set is only measured, never used for a decision: no best-epoch
/// restore, no early stopping, calibration on a slice of the training data.
/// </summary>
internal static class ImdbEndToEndCommand
{
    public static int Run(VerbOptions options)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var kind = (options.Get("model") ?? "bilstm") switch
        {
            "bilstm" => ModelKind.BiLstm,
            "gru" => ModelKind.Gru,
            "baseline" or "ngrams" => ModelKind.NGrams,
            var other => throw new ArgumentException($"--model '{other}' is not bilstm, gru or baseline."),
        };
        var device = DevicePreference.Parse(options.Get("device") ?? "cpu");
        var json = options.GetFlag("json");
        var settings = SentimentTrainerOptions.Recommended(kind);
        settings.Device = device;
        settings.Trainer.Epochs = options.GetInt("epochs", settings.Trainer.Epochs);
        settings.Trainer.Seed = options.GetInt("seed", settings.Trainer.Seed);
        settings.Trainer.BatchSize = options.GetInt("batch-size", settings.Trainer.BatchSize);
        settings.Trainer.RestoreBestWeights = false;
        settings.Calibrate = false;
        settings.Trainer.LearningRate = options.GetDouble("lr", settings.Trainer.LearningRate);
        if (options.Get("threads") is not null)
        {
            settings.CpuThreads = options.GetInt("threads", 0);
        }

        if (settings.Model is RnnModelOptions rnn)
        {
            var network = rnn.Network;
            network.MaxTokens = options.GetInt("max-tokens", network.MaxTokens ?? 400);
            network.Pooling = options.Get("pooling") is { } pooling ? Enum.Parse<Modeling.RnnPooling>(pooling, ignoreCase: true) : network.Pooling;
            network.HiddenSize = options.GetInt("hidden", network.HiddenSize);
            network.Layers = options.GetInt("layers", network.Layers);
            network.EmbeddingSize = options.GetInt("embedding", network.EmbeddingSize);
            network.EmbeddingDropout = options.GetDouble("embedding-dropout", network.EmbeddingDropout);
            network.Dropout = options.GetDouble("dropout", network.Dropout);
            network.HeadDropout = options.GetDouble("head-dropout", network.HeadDropout);
        }
        else if (settings.Model is NGramModelOptions ngrams)
        {
            ngrams.Features.MaxNGramLength = options.GetInt("ngrams", ngrams.Features.MaxNGramLength);
            ngrams.Features.MinDocumentFrequency = options.GetInt("min-df", ngrams.Features.MinDocumentFrequency);
            if (options.Get("weighting") is { } weighting)
            {
                ngrams.Features.Weighting = Enum.Parse<Text.NGramWeighting>(weighting, ignoreCase: true);
            }
        }

        settings.Trainer.WeightDecay = options.GetDouble("weight-decay", settings.Trainer.WeightDecay);
        if (options.Get("optimizer") is { } optimizer)
        {
            settings.Trainer.Optimizer = Enum.Parse<OptimizerKind>(optimizer, ignoreCase: true);
        }

        var log = json ? Console.Error : Console.Out;
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var train = ImdbData.Load(path, ImdbSplit.Train).Examples;
        var test = ImdbData.Load(path, ImdbSplit.Test).Examples;
        if (options.Get("limit") is not null)
        {
            var n = options.GetInt("limit", 0);
            train = Subset(train, n, 1);
            test = Subset(test, n, 2);
        }

        var loadSeconds = clock.Elapsed.TotalSeconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imdb: {kind} on {device}, {train.Count} train / {test.Count} test reviews, loaded in {loadSeconds:F1} s"));

        var epochLines = new JsonArray();
        var progress = new Progress(log);
        clock.Restart();
        using var model = new SentimentTrainer(settings).Train(train, test, progress);
        var trainWallSeconds = clock.Elapsed.TotalSeconds;
        var report = model.Report!;
        foreach (var e in report.History.Epochs)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {e.Epoch}: train loss {e.TrainLoss:F4}, train {e.TrainSeconds:F1} s at {e.SamplesPerSecond:F0} samples/s (padding efficiency {e.PaddingEfficiency:P0}), test accuracy {e.Validation!.Accuracy:P2}, macro-F1 {e.Validation.MacroF1:F4}, eval {e.ValidationSeconds:F1} s"));
            epochLines.Add(new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["train_loss"] = e.TrainLoss,
                ["train_seconds"] = e.TrainSeconds,
                ["samples_per_second"] = e.SamplesPerSecond,
                ["padding_efficiency"] = e.PaddingEfficiency,
                ["test_accuracy"] = e.Validation.Accuracy,
                ["test_macro_f1"] = e.Validation.MacroF1,
                ["eval_seconds"] = e.ValidationSeconds,
            });
        }

        var final = report.History.FinalValidation!;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        var result = new JsonObject
        {
            ["model"] = kind.ToString(),
            ["device"] = report.Device,
            ["train_count"] = train.Count,
            ["test_count"] = test.Count,
            ["feature_count"] = report.FeatureCount,
            ["load_seconds"] = loadSeconds,
            ["prepare_seconds"] = report.PreparationSeconds,
            ["train_seconds"] = report.History.Epochs.Sum(e => e.TrainSeconds),
            ["eval_seconds"] = report.History.Epochs.Sum(e => e.ValidationSeconds),
            ["train_wall_seconds"] = trainWallSeconds,
            ["total_seconds"] = total.Elapsed.TotalSeconds,
            ["test_accuracy"] = final.Accuracy,
            ["test_macro_f1"] = final.MacroF1,
            ["peak_working_set_mb"] = peakMb,
            ["epochs"] = epochLines,
        };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imdb: test accuracy {final.Accuracy:P2}, macro-F1 {final.MacroF1:F4}; load {loadSeconds:F1} s, prepare {report.PreparationSeconds:F1} s, train+eval {trainWallSeconds:F1} s, total {total.Elapsed.TotalSeconds:F1} s; peak memory {peakMb:F0} MB"));
        if (json)
        {
            Console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }

        return 0;
    }


    private static TextExample[] Subset(IReadOnlyList<TextExample> examples, int count, int seed)
    {
        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(seed).Shuffle(order);
        return [.. order.Take(count).Select(i => examples[i])];
    }

    private sealed class Progress(TextWriter log) : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _last;
        private int _epoch;

        public void Report(TrainingProgress p)
        {
            if (p.Epoch != _epoch)
            {
                // Resident memory at the start of every epoch: flat from epoch 2 on when nothing leaks.
                _epoch = p.Epoch;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {p.Epoch} started: working set {ProcessMemory.WorkingSetMb():F0} MB"));
            }

            if (_last is null || _clock.Elapsed - _last >= TimeSpan.FromSeconds(30))
            {
                _last = _clock.Elapsed;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsInEpoch} loss {p.Loss:F4} acc {p.Accuracy:P1} {p.SamplesPerSecond:F0} samples/s ETA {p.EstimatedTimeLeft:hh\\:mm\\:ss}"));
            }
        }
    }
}
