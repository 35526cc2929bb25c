using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Evaluation;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>multilabel</c>: a multi-label benchmark rebuilt from the IMDB archive, the same way every time, and every
/// multi-label metric of each model kind on it. Each review gets a subset of four labels:
/// <list type="bullet">
/// <item><c>positive</c>: the review's polarity (7 stars or more, the archive's <c>pos</c>);</item>
/// <item><c>extreme</c>: 1 or 10 stars, of either polarity — how strongly, not which way;</item>
/// <item><c>long</c>: more words than the median review of the training part (the median of the train part is
/// used for the test part too);</item>
/// <item><c>mentions-plot-or-story</c>: the text holds the word "plot" or "story" (any case) — a property of what the
/// review talks about, not of its sentiment.</item>
/// </list>
/// None is implied by another: both polarities have extreme reviews, length and topic are independent of the rating;
/// the verb prints each label's frequency, the co-occurrence of the most common pairs, and each pair's correlation.
/// Models train on the train part (a seeded subset with <c>--limit</c>, and <c>--rnn-limit</c> for the recurrent
/// kinds) and are scored on the test part (<c>--test-limit</c>), which training never sees.
/// </summary>
internal static partial class MultiLabelImdbCommand
{
    public static readonly string[] LabelNames = ["extreme", "long", "mentions-plot-or-story", "positive"];

    public static int Run(VerbOptions options)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var seed = options.GetInt("seed", 42);
        var trainAll = ImdbData.Load(path, ImdbSplit.Train).Examples;
        var testAll = ImdbData.Load(path, ImdbSplit.Test).Examples;
        var medianWords = Median(trainAll.Select(e => WordCount(e.Text)));
        var train = Subset(Build(trainAll, medianWords), options.GetInt("limit", 0), seed);
        var test = Subset(Build(testAll, medianWords), options.GetInt("test-limit", 0), seed + 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"multilabel IMDB: {train.Count} train / {test.Count} test reviews; 'long' means more than {medianWords} words (the train median)"));
        Describe("train", train);
        Describe("test", test);

        var kinds = (options.Get("kinds") ?? "baseline,nbsvm,gru").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var kind in kinds)
        {
            var recipe = SentimentTrainerOptions.FromRecipe(kind);
            recipe.Device = DevicePreference.Cpu;
            recipe.Trainer.Seed = seed;
            if (options.Get("epochs") is { } epochs)
            {
                recipe.Trainer.Epochs = int.Parse(epochs, CultureInfo.InvariantCulture);
            }

            var kindTrain = train;
            var kindTest = test;
            if (recipe.Model is RnnModelOptions rnn)
            {
                kindTrain = Subset(train, options.GetInt("rnn-limit", 2_000), seed);
                kindTest = Subset(test, options.GetInt("rnn-test-limit", 2_000), seed + 1);
                rnn.Network.MaxTokens = options.GetInt("max-tokens", rnn.Network.MaxTokens ?? 400);
            }

            var clock = Stopwatch.StartNew();
            using var model = new SentimentTrainer(recipe).Train(kindTrain);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var metrics = model.EvaluateMultiLabel(kindTest);
            var predictSeconds = clock.Elapsed.TotalSeconds;
            var probabilities = model.CreatePredictor().PredictBatch(kindTest.Select(e => e.Text))
                .Select(p => model.Labels.Names.Select(l => (float)p.Probabilities[l]).ToArray()).ToArray();
            var truth = kindTest.Select(e => model.Labels.Names.Select(l => e.Labels!.Contains(l)).ToArray()).ToArray();
            var atHalf = MultiLabelEvaluation.Compute(model.Labels.Names, truth, probabilities, [.. model.Labels.Names.Select(_ => 0.5f)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind}: {kindTrain.Count} train / {kindTest.Count} test, {model.Report!.History.Epochs.Count} epochs, train {trainSeconds:F0} s, evaluate {predictSeconds:F0} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  micro F1 {metrics.MicroF1:F4} (P {metrics.MicroPrecision:F4}, R {metrics.MicroRecall:F4})  macro F1 {metrics.MacroF1:F4}  weighted F1 {metrics.WeightedF1:F4}  Hamming loss {metrics.HammingLoss:F4}  subset accuracy {metrics.SubsetAccuracy:F4}  LRAP {metrics.LabelRankingAveragePrecision:F4}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  at threshold 0.5 for every label: micro F1 {atHalf.MicroF1:F4}  macro F1 {atHalf.MacroF1:F4}  subset accuracy {atHalf.SubsetAccuracy:F4}"));
            foreach (var l in metrics.PerLabel)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {l.Label,-24} P {l.Precision:F4}  R {l.Recall:F4}  F1 {l.F1:F4}  support {l.Support,5}  ROC-AUC {l.RocAuc:F4}  threshold {l.Threshold:F3}  (F1 at 0.5: {atHalf.PerLabel.First(h => h.Label == l.Label).F1:F4})"));
            }
        }

        return 0;
    }

    /// <summary>The multi-label examples of IMDB reviews (their stars come from the file names).</summary>
    public static List<TextExample> Build(IReadOnlyList<TextExample> reviews, int medianWords)
    {
        var examples = new List<TextExample>(reviews.Count);
        foreach (var review in reviews)
        {
            var stars = review.Stars ?? throw new ArgumentException($"review {review.SourceId} has no star rating.");
            var labels = new List<string>(4);
            if (stars is 1 or 10)
            {
                labels.Add("extreme");
            }

            if (WordCount(review.Text) > medianWords)
            {
                labels.Add("long");
            }

            if (PlotOrStory().IsMatch(review.Text))
            {
                labels.Add("mentions-plot-or-story");
            }

            if (stars >= 7)
            {
                labels.Add("positive");
            }

            examples.Add(TextExample.WithLabels(review.Text, labels) with { Stars = stars, SourceId = review.SourceId });
        }

        return examples;
    }

    private static void Describe(string part, IReadOnlyList<TextExample> examples)
    {
        var statistics = MultiLabelStatistics.Compute(examples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {part}: cardinality {statistics.Cardinality:F3}, density {statistics.Density:F3}, {statistics.EmptyCount} with no label; sizes {string.Join(", ", statistics.LabelSetSizeCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}"));
        Console.WriteLine("    per label: " + string.Join(", ", statistics.CountPerLabel.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value} ({(double)p.Value / statistics.Count:P1})"))));
        Console.WriteLine("    top pairs: " + string.Join(", ", statistics.TopPairs.Select(p => $"{p.First}+{p.Second} {p.Count}")));
        var correlations = new List<string>();
        for (var a = 0; a < LabelNames.Length; a++)
        {
            for (var b = a + 1; b < LabelNames.Length; b++)
            {
                correlations.Add(string.Create(CultureInfo.InvariantCulture, $"{LabelNames[a]}~{LabelNames[b]} {Phi(examples, LabelNames[a], LabelNames[b]):+0.000;-0.000}"));
            }
        }

        Console.WriteLine("    correlation (phi): " + string.Join(", ", correlations));
    }

    // The phi coefficient of two labels over the examples: 0 when independent, ±1 when one implies the other both ways.
    private static double Phi(IReadOnlyList<TextExample> examples, string a, string b)
    {
        double n11 = 0, n10 = 0, n01 = 0, n00 = 0;
        foreach (var e in examples)
        {
            var (x, y) = (e.Labels!.Contains(a), e.Labels!.Contains(b));
            (n11, n10, n01, n00) = (n11 + (x && y ? 1 : 0), n10 + (x && !y ? 1 : 0), n01 + (!x && y ? 1 : 0), n00 + (!x && !y ? 1 : 0));
        }

        var denominator = Math.Sqrt((n11 + n10) * (n01 + n00) * (n11 + n01) * (n10 + n00));
        return denominator == 0 ? 0 : ((n11 * n00) - (n10 * n01)) / denominator;
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>A seeded random subset of <paramref name="count"/> examples (0 keeps all).</summary>
    private static List<TextExample> Subset(List<TextExample> examples, int count, int seed)
    {
        if (count <= 0 || count >= examples.Count)
        {
            return [.. examples];
        }

        var random = new Random(seed);
        return [.. examples.OrderBy(_ => random.Next()).Take(count)];
    }

    [GeneratedRegex(@"\b(plot|story)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlotOrStory();
}
