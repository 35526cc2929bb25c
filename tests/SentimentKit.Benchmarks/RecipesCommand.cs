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
                var recipeOptions = mode == "derived" ? SentimentTrainerOptions.FromRecipe(recipe, statistics) : SentimentTrainerOptions.FromRecipe(recipe);
                recipeOptions.Device = DevicePreference.Cpu;
                recipeOptions.Trainer.Seed = seed;
                if (options.Get("patience") is { } patience)
                {
                    recipeOptions.Trainer.EarlyStoppingPatience = patience == "none" ? null : int.Parse(patience, CultureInfo.InvariantCulture);
                }

                var clock = Stopwatch.StartNew();
                using var model = new SentimentTrainer(recipeOptions).Train(train);
                var seconds = clock.Elapsed.TotalSeconds;
                var accuracy = model.Evaluate(test).Accuracy;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {recipe,-8} {mode,-7} test {accuracy:P2}  validation {model.ValidationMetrics!.Accuracy:P2}  {model.Report!.History.Epochs.Count}/{recipeOptions.Trainer.Epochs} epochs  {seconds:F0} s"));
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
