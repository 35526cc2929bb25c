using System.Diagnostics;
using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>ensemble</c>: the library's best recipe, <see cref="SentimentEnsemble.RecommendedRecipes"/> — the
/// recommended BiLSTM and the Naive-Bayes-weighted uni- to trigram logistic regression, each trained on the
/// training reviews only (calibrated on a held-out 10% of them), their calibrated probabilities averaged with weights fitted on the shared validation split.
/// Prints each model's and the ensemble's test accuracy.
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

        var recipes = SentimentEnsemble.RecommendedRecipes();
        foreach (var recipe in recipes)
        {
            recipe.Device = device;
            if (recipe.Kind != ModelKind.NGrams)
            {
                recipe.Trainer.Epochs = options.GetInt("epochs", recipe.Trainer.Epochs);
            }
        }

        using var ensemble = SentimentEnsemble.Train(train, recipes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trained in {clock.Elapsed.TotalSeconds:F0} s"));
        foreach (var model in ensemble.Models)
        {
            var name = model.Kind == ModelKind.NGrams ? $"{model.Kind} ({model.FeatureCount:N0} features)" : model.Kind.ToString();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: test accuracy {model.Evaluate(test).Accuracy:P2} (validation {model.ValidationMetrics!.Accuracy:P2}, temperature {model.Temperature:F2})"));
            if (options.Get("save") is { } folder)
            {
                Directory.CreateDirectory(folder);
                model.Save(Path.Combine(folder, $"{model.Kind.ToString().ToLowerInvariant()}.skm"));
            }
        }

        Console.WriteLine("  weights fitted on the validation split: " + string.Join(", ", ensemble.Models.Zip(ensemble.Weights).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First.Kind} {p.Second:F2}"))));
        using (var equal = new SentimentEnsemble(ensemble.Models, ownsModels: false))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  equal weights: test accuracy {equal.Evaluate(test).Accuracy:P2}"));
        }

        var result = ensemble.Evaluate(test);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ensemble: test accuracy {result.Accuracy:P2}, macro-F1 {result.MacroF1:F4}, ROC-AUC {result.RocAuc:F4}; total {clock.Elapsed.TotalSeconds:F0} s"));
        return 0;
    }
}
