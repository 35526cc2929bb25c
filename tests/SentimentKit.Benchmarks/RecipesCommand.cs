using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>recipes</c>: each recipe's test accuracy with its fixed settings and with the settings derived from the
/// training set (<see cref="SentimentTrainerOptions.FromRecipe(string, DatasetStatistics)"/>), and what
/// <see cref="SentimentAutoTrainer"/> picked within its budget, on a corpus rebuilt from the IMDB archive:
/// <c>imdb</c> (as it is), <c>first-sentence</c> (each review's first sentence: short texts), <c>small</c>
/// (1,000 training reviews, balanced, seeded). The test split is never seen by training or by auto's choice.
/// </summary>
internal static partial class RecipesCommand
{
    /// <summary>
    /// The mode <c>lr-find</c>: the derived recipe trained at the rate a learning-rate range test with this command's
    /// <c>--lr-steps</c>, <c>--lr-min</c> and <c>--lr-max</c> suggests on the whole training set (the derived recipes run
    /// their own test on small data; <c>derived</c> shows that).
    /// </summary>
    private const string LearningRateMode = "lr-find";

    /// <summary>
    /// The mode <c>lr-train</c>: the derived recipe with <see cref="SentimentTrainerOptions.LearningRateFinder"/> set from
    /// <c>--lr-steps</c>, <c>--lr-min</c> and <c>--lr-max</c>: the test runs inside training, on the training split.
    /// </summary>
    private const string InTrainingMode = "lr-train";

    /// <summary>The mode <c>lr-curve</c>: only the range test on the derived recipe, its curve printed; nothing trained.</summary>
    private const string CurveMode = "lr-curve";

    public static int Run(VerbOptions options)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var corpus = options.Get("corpus") ?? "small";
        var seed = options.GetInt("seed", 42);
        var train = Shape(corpus, ImdbData.Load(path, ImdbSplit.Train).Examples, seed, isTrain: true);
        var test = Shape(corpus, ImdbData.Load(path, ImdbSplit.Test).Examples, seed, isTrain: false);
        train = Limit(train, options.GetInt("limit", 0), seed);
        test = Limit(test, options.GetInt("test-limit", 0), seed + 1);
        var statistics = DatasetStatistics.Compute(train);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recipes on '{corpus}': {train.Count} train / {test.Count} test, tokens per text median {statistics.TokenLengthP50}, p95 {statistics.TokenLengthP95}"));

        var recipes = (options.Get("recipes") ?? "baseline,nbsvm,gru,bilstm").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var modes = (options.Get("modes") ?? "fixed,derived").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var recipe in recipes)
        {
            foreach (var mode in modes)
            {
                var recipeOptions = mode switch
                {
                    "fixed" => SentimentTrainerOptions.FromRecipe(recipe),
                    "derived" or LearningRateMode or CurveMode or InTrainingMode => SentimentTrainerOptions.FromRecipe(recipe, statistics),
                    _ => throw new ArgumentException($"--modes '{mode}' is not one of fixed, derived, {LearningRateMode}, {InTrainingMode}, {CurveMode}."),
                };
                var finder = new LearningRateFinderOptions
                {
                    Steps = options.GetInt("lr-steps", 100),
                    MinLearningRate = double.Parse(options.Get("lr-min") ?? "1e-7", CultureInfo.InvariantCulture),
                    MaxLearningRate = double.Parse(options.Get("lr-max") ?? "10", CultureInfo.InvariantCulture),
                };
                if (mode == InTrainingMode)
                {
                    recipeOptions.LearningRateFinder = finder;
                }

                recipeOptions.Device = DevicePreference.Cpu;
                recipeOptions.Trainer.Seed = seed;
                if (options.Get("patience") is { } patience)
                {
                    recipeOptions.Trainer.EarlyStoppingPatience = patience == "none" ? null : int.Parse(patience, CultureInfo.InvariantCulture);
                }

                var clock = Stopwatch.StartNew();
                if (mode is LearningRateMode or CurveMode)
                {
                    // The derived recipe with the rate the range test suggests on the training set (the weights are put back after it).
                    var found = new SentimentTrainer(recipeOptions).FindLearningRate(train, finder);
                    Console.WriteLine("           curve (rate: smoothed loss): " + string.Join("  ", found.Curve.Where((_, i) => i % Math.Max(1, found.Curve.Count / 25) == 0 || i == found.Curve.Count - 1)
                        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.LearningRate:G2}:{p.SmoothedLoss:F3}"))));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {recipe,-8} range test: recipe's rate {recipeOptions.Trainer.LearningRate:G3}, lowest smoothed loss at {found.Minimum:G3}, steepest descent at {found.Steepest:G3}, suggested {found.Suggested?.ToString("G3", CultureInfo.InvariantCulture) ?? "none (no clear descent)"}{(found.Diverged ? " (diverged)" : string.Empty)}, {clock.Elapsed.TotalSeconds:F0} s"));
                    if (mode == CurveMode || found.Suggested is not { } suggested)
                    {
                        continue;
                    }

                    recipeOptions.Trainer.LearningRate = suggested;
                    recipeOptions.LearningRateFinder = null;
                }

                using var model = new SentimentTrainer(recipeOptions).Train(train);
                var seconds = clock.Elapsed.TotalSeconds;
                var accuracy = model.Evaluate(test).Accuracy;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {recipe,-8} {mode,-7} test {accuracy:P2}  validation {model.ValidationMetrics!.Accuracy:P2}  {model.Report!.History.Epochs.Count}/{recipeOptions.Trainer.Epochs} epochs  {seconds:F0} s"));
                if (model.Report.LearningRateRangeTest is { } rangeTest)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"           the recipe's range test: {rangeTest.Curve.Count} steps, lowest smoothed loss {rangeTest.Curve.Min(p => p.SmoothedLoss):F3} at {rangeTest.Minimum:G3}, trained at {rangeTest.Suggested?.ToString("G3", CultureInfo.InvariantCulture) ?? $"the recipe's {recipeOptions.Trainer.LearningRate:G3} (no clear descent)"}"));
                }

                Console.WriteLine("           validation by epoch (accuracy / log loss): " + string.Join("  ", model.Report.History.Epochs.Select(e =>
                    string.Create(CultureInfo.InvariantCulture, $"{e.Validation?.Accuracy:P1}/{e.Validation?.LogLoss:F3}"))));
            }
        }

        if (options.Get("auto-budget") is { } budget)
        {
            var auto = new AutoTrainerOptions { TimeBudget = TimeSpan.FromSeconds(double.Parse(budget, CultureInfo.InvariantCulture)), Device = DevicePreference.Cpu, Seed = seed };
            var clock = Stopwatch.StartNew();
            using var chosen = new SentimentAutoTrainer(auto).Train(train);
            var seconds = clock.Elapsed.TotalSeconds;
            foreach (var e in chosen.Leaderboard!)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  auto: {e.Recipe,-8} {e.Status,-11} validation {e.ValidationAccuracy?.ToString("P2", CultureInfo.InvariantCulture) ?? "-",8}  {e.Seconds:F0} s  {e.Settings}{(e.Chosen ? "  <- chosen" : string.Empty)}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  auto ({budget} s budget) chose {chosen.Leaderboard!.Single(e => e.Chosen).Recipe}: test {chosen.Evaluate(test).Accuracy:P2} in {seconds:F0} s"));
        }

        return 0;
    }

    private static IReadOnlyList<TextExample> Shape(string corpus, IReadOnlyList<TextExample> examples, int seed, bool isTrain) => corpus switch
    {
        "imdb" => examples,
        "first-sentence" => [.. examples.Select(e => e with { Text = FirstSentence(e.Text) })],
        "small" => isTrain ? Limit(examples, 1_000, seed) : examples,
        _ => throw new ArgumentException($"--corpus '{corpus}' is not one of imdb, first-sentence, small."),
    };

    /// <summary>A balanced, seeded subset: <paramref name="count"/> examples, half of each label (0 keeps all).</summary>
    private static IReadOnlyList<TextExample> Limit(IReadOnlyList<TextExample> examples, int count, int seed)
    {
        if (count <= 0 || count >= examples.Count)
        {
            return examples;
        }

        var random = new Random(seed);
        return [.. examples.GroupBy(e => e.Label, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(count / 2))
            .OrderBy(_ => random.Next())];
    }

    // The text up to the first sentence end (., ! or ? followed by a space or a line break), <br /> tags read as breaks.
    private static string FirstSentence(string text)
    {
        var plain = BreakTag().Replace(text, "\n").Trim();
        var end = SentenceEnd().Match(plain);
        return end.Success && end.Index > 0 ? plain[..(end.Index + 1)] : plain;
    }

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"[.!?](?=\s)")]
    private static partial Regex SentenceEnd();
}
