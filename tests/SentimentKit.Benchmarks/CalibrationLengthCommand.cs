using System.Diagnostics;
using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Evaluation;
using SentimentKit.Text;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>calibration</c>: does a model calibrated on long reviews stay calibrated on short texts? Trains the recommended
/// BiLSTM on the IMDB training reviews without calibration (or loads one, <c>--model</c>), holding out a stratified
/// 10% of them (as the trainer does), then fits the temperature two ways on that validation split — on the
/// reviews as they are (what the trainer did before 0.2), and on the reviews plus their first sentences (what
/// <see cref="SentimentTrainerOptions.CalibrateOnShortTexts"/> does) — and reports accuracy, mean confidence and the
/// expected calibration error on the 25,000 test reviews and on their first sentences, under no temperature and
/// under each fitted one. The test reviews are only scored, never fitted on.
/// </summary>
internal static class CalibrationLengthCommand
{
    private static readonly string[] Sentences =
    [
        "This is absolutely wonderful",
        "Not bad but could be better",
        "Terrible waste of time",
        "The acting was superb, but the plot made no sense at all.",
    ];

    public static int Run(VerbOptions options)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var clock = Stopwatch.StartNew();
        var train = ImdbData.Load(path, ImdbSplit.Train).Examples;
        var test = ImdbData.Load(path, ImdbSplit.Test).Examples;
        var seed = options.GetInt("seed", 42);
        var labels = LabelSet.FromLabels(train.Select(e => e.Label));
        var (trainIndices, validIndices) = DatasetSplitter.StratifiedIndices([.. train.Select(e => labels.GetIndex(e.Label))], 0.1, seed);
        var fitPart = trainIndices.Select(i => train[i]).ToArray();
        var validPart = validIndices.Select(i => train[i]).ToArray();

        SentimentModel model;
        if (options.Get("model") is { } saved)
        {
            model = SentimentModel.Load(saved);
            Console.WriteLine($"calibration: loaded {saved} ({model.Kind}, temperature {model.Temperature:F3})");
            if (model.Temperature != 1.0)
            {
                throw new ArgumentException($"'{saved}' is calibrated; this benchmark needs the raw model (it saves one with --save).");
            }
        }
        else
        {
            var recipe = SentimentTrainerOptions.Recommended(options.Get("kind") is "gru" ? ModelKind.Gru : ModelKind.BiLstm);
            recipe.Calibrate = false;
            recipe.Trainer.Seed = seed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibration: training {recipe.Kind} on {fitPart.Length} reviews, {validPart.Length} held out"));
            model = new SentimentTrainer(recipe).Train(fitPart, validPart);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trained in {clock.Elapsed.TotalMinutes:F1} min"));
            if (options.Get("save") is { } savePath)
            {
                model.Save(savePath);
            }
        }

        using (model)
        {
            using var predictor = new SentimentPredictor(model, ownsModel: false);
            var validFull = LogProbabilities(predictor, model, validPart.Select(e => e.Text));
            var validShort = LogProbabilities(predictor, model, validPart.Select(e => FirstSentence.Of(e.Text)));
            var validLabels = validPart.Select(e => model.Labels.GetIndex(e.Label)).ToArray();
            var classes = model.Labels.Count;
            var full = TemperatureScaling.Fit(validFull, validLabels, classes);
            var mixed = TemperatureScaling.Fit([.. validFull, .. validShort], [.. validLabels, .. validLabels], classes);

            var testFull = LogProbabilities(predictor, model, test.Select(e => e.Text));
            var shortTexts = test.Select(e => FirstSentence.Of(e.Text)).ToArray();
            var testShort = LogProbabilities(predictor, model, shortTexts);
            var testLabels = test.Select(e => model.Labels.GetIndex(e.Label)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  test first sentences: {shortTexts.Average(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length):F1} words on average (full reviews {test.Average(e => e.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length):F0})"));
            Console.WriteLine("  temperature                       | full reviews: acc, mean conf, ECE | first sentences: acc, mean conf, ECE | " + string.Join(" | ", Sentences.Select(s => $"\"{s}\"")));
            foreach (var (name, t) in new[] { ("none (1.000)", 1.0), ($"validation reviews ({full.Temperature:F3})", full.Temperature), ($"reviews + first sentences ({mixed.Temperature:F3})", mixed.Temperature) })
            {
                var sentenceLogits = LogProbabilities(predictor, model, Sentences);
                var sentences = string.Join(" | ", Enumerable.Range(0, Sentences.Length).Select(i => Describe(model, sentenceLogits.AsSpan(i * classes, classes), t)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-33} | {Summary(testFull, testLabels, model, t)} | {Summary(testShort, testLabels, model, t)} | {sentences}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibration: total {clock.Elapsed.TotalMinutes:F1} min"));
        return 0;
    }

    // Without a temperature the model's probabilities are softmax(logits): their logarithms are the logits up to a
    // constant per row, which neither a softmax nor a temperature fit can see.
    private static float[] LogProbabilities(SentimentPredictor predictor, SentimentModel model, IEnumerable<string> texts)
    {
        var predictions = predictor.PredictBatch(texts);
        var result = new float[predictions.Count * model.Labels.Count];
        for (var i = 0; i < predictions.Count; i++)
        {
            for (var c = 0; c < model.Labels.Count; c++)
            {
                result[(i * model.Labels.Count) + c] = (float)Math.Log(Math.Max(predictions[i].Probabilities[model.Labels[c]], 1e-30));
            }
        }

        return result;
    }

    private static string Summary(float[] logits, int[] labels, SentimentModel model, double temperature)
    {
        var accumulator = new MetricsAccumulator(model.Labels.Names);
        var probabilities = new float[logits.Length];
        var classes = model.Labels.Count;
        for (var i = 0; i < labels.Length; i++)
        {
            TemperatureScaling.Softmax(logits.AsSpan(i * classes, classes), temperature, probabilities.AsSpan(i * classes, classes));
        }

        accumulator.Add(probabilities, labels);
        var metrics = accumulator.Compute();
        var confidence = Enumerable.Range(0, labels.Length).Average(i => probabilities.AsSpan(i * classes, classes).ToArray().Max());
        return string.Create(CultureInfo.InvariantCulture, $"{metrics.Accuracy:P2}, {confidence:P1}, {metrics.ExpectedCalibrationError:F4}");
    }

    private static string Describe(SentimentModel model, ReadOnlySpan<float> logits, double temperature)
    {
        var probabilities = new float[logits.Length];
        TemperatureScaling.Softmax(logits, temperature, probabilities);
        var best = Array.IndexOf(probabilities, probabilities.Max());
        return string.Create(CultureInfo.InvariantCulture, $"{model.Labels[best]} {probabilities[best]:P1}");
    }
}
