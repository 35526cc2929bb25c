using System.Diagnostics;
using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Training;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>ensemble</c>: the best recipe found so far — the recommended BiLSTM and the TF-IDF baseline,
/// each trained on the training reviews only (calibrated on a held-out 10% of them), their
/// calibrated probabilities averaged. Prints each model's and the ensemble's test accuracy.
/// </summary>
internal static class EnsembleCommand
{
    public static int Run(VerbOptions options)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var device = DevicePreference.Parse(options.Get("device") ?? "cpu");
        var clock = Stopwatch.StartNew();
        var train = ImdbData.Load(path, ImdbSplit.Train).Examples;
        var test = ImdbData.Load(path, ImdbSplit.Test).Examples;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ensemble: {train.Count} train / {test.Count} test reviews on {device}"));

        var texts = test.Select(e => e.Text).ToArray();
        var probabilities = new List<(string Name, float[] Positive)>();
        string[] labels = [];
        foreach (var kind in new[] { ModelKind.Baseline, ModelKind.BiLstm })
        {
            var settings = SentimentTrainerOptions.Recommended(kind);
            settings.Device = device;
            if (kind == ModelKind.BiLstm && options.Get("epochs") is { } epochs)
            {
                settings.Trainer.Epochs = int.Parse(epochs, CultureInfo.InvariantCulture);
            }

            using var model = new SentimentTrainer(settings).Train(train);
            if (options.Get("save") is { } folder)
            {
                Directory.CreateDirectory(folder);
                model.Save(Path.Combine(folder, $"{kind.ToString().ToLowerInvariant()}.skm"));
            }

            labels = [.. model.Labels.Names];
            var predictions = model.CreatePredictor().PredictBatch(texts);
            var positive = predictions.Select(p => (float)p.Probabilities[labels[1]]).ToArray();
            probabilities.Add((kind.ToString(), positive));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind}: test accuracy {Accuracy(positive, test, labels):P2} (validation {model.ValidationMetrics!.Accuracy:P2}, temperature {model.Temperature:F2}), {clock.Elapsed.TotalSeconds:F0} s so far"));
        }

        var average = Enumerable.Range(0, texts.Length).Select(i => probabilities.Average(p => p.Positive[i])).Select(v => (float)v).ToArray();
        var metrics = new MetricsAccumulator(labels);
        metrics.Add(average.SelectMany(p => new[] { 1 - p, p }).ToArray(), test.Select(e => Array.IndexOf(labels, e.Label)).ToArray());
        var result = metrics.Compute();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ensemble: test accuracy {result.Accuracy:P2}, macro-F1 {result.MacroF1:F4}, ROC-AUC {result.RocAuc:F4}; total {clock.Elapsed.TotalSeconds:F0} s"));
        return 0;
    }

    private static double Accuracy(float[] positive, IReadOnlyList<TextExample> test, string[] labels) =>
        Enumerable.Range(0, test.Count).Count(i => (positive[i] >= 0.5f ? labels[1] : labels[0]) == test[i].Label) / (double)test.Count;
}
