using System.Diagnostics;
using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Evaluation;
using SentimentKit.Families.Ensemble;

namespace SentimentKit;

/// <summary>
/// The ensemble candidate of automatic training. Its members are the best finished candidate of each kind; their
/// weights (greedy selection on log loss, <see cref="EnsembleWeights"/>) and one temperature over their average are
/// fitted on one stratified half of the validation split, and the ensemble is judged against the best single candidate
/// on the other half only. Every candidate already used the whole split (early stopping, calibration, the choice among
/// them), so that half is not new to the members either; but the ensemble's own fitted parameters never saw it, which is
/// what the comparison needs: an ensemble judged where its weights were fitted would win by construction.
/// </summary>
internal static class AutoEnsemble
{
    public const string Recipe = "ensemble";

    /// <summary>A tried ensemble: its leaderboard entry and, when it beat the best single candidate on the judging half, the model.</summary>
    public sealed record Outcome(LeaderboardEntry Entry, SentimentModel? Model);

    /// <summary>
    /// The members an ensemble would combine: of each kind, the finished candidate that validation ranks first, best
    /// first, at most <paramref name="maxMembers"/>; fewer than two means there is no ensemble to try.
    /// </summary>
    public static List<(LeaderboardEntry Entry, SentimentModel Model)> Members(IEnumerable<(LeaderboardEntry Entry, SentimentModel Model)> finished, int maxMembers) =>
        [.. finished.GroupBy(c => c.Model.Kind).Select(g => g.First()).Take(maxMembers)];

    /// <summary>
    /// Fits and judges the ensemble of <paramref name="members"/> (ranked best first: the first is the best single
    /// candidate). The model of the outcome owns the members it kept; otherwise they stay the caller's.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the budget, or the caller).</exception>
    public static Outcome Try(
        IReadOnlyList<(LeaderboardEntry Entry, SentimentModel Model)> members, IReadOnlyList<TextExample> validation, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var names = string.Join(" + ", members.Select(m => m.Entry.Recipe));
        var split = DatasetSplitter.StratifiedSplit(validation, 0.5, seed);
        var (fit, judge) = (split.Train, split.Validation);
        var labels = members[0].Model.Labels;
        var classes = labels.Count;
        var fitLabels = MetricsAccumulator.LabelIndices(labels, fit, "validation example", "ensemble's");
        var judgeLabels = MetricsAccumulator.LabelIndices(labels, judge, "validation example", "ensemble's");
        string[] fitTexts = [.. fit.Select(e => e.Text)], judgeTexts = [.. judge.Select(e => e.Text)];
        var fitProbabilities = new List<float[]>();
        var judgeProbabilities = new List<float[]>();
        foreach (var (_, model) in members)
        {
            fitProbabilities.Add(model.Probabilities(fitTexts, cancellationToken: cancellationToken));
            judgeProbabilities.Add(model.Probabilities(judgeTexts, cancellationToken: cancellationToken));
        }

        var weights = EnsembleWeights.Fit([.. fitProbabilities.Select(p => fitLabels.Select((label, i) => (double)p[(i * classes) + label]).ToArray())]);
        var kept = Enumerable.Range(0, members.Count).Where(m => weights[m] > 0).ToArray();
        var temperature = FitTemperature(Average(fitProbabilities, weights), fitLabels, classes);
        var ensemble = Metrics(labels, EnsemblePipeline.LogitsOf(Average(judgeProbabilities, weights), temperature), judgeLabels);
        var single = Metrics(labels, EnsemblePipeline.LogitsOf(judgeProbabilities[0], 1), judgeLabels);
        var wins = ensemble.Accuracy > single.Accuracy;
        var entry = new LeaderboardEntry
        {
            Recipe = Recipe,
            Kind = ModelKind.Ensemble,
            Settings = string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(" + ", kept.Select(m => $"{members[m].Entry.Recipe} {weights[m]:F2}"))}, temperature {temperature:F2}; fitted on {fit.Count} validation examples, judged on the other {judge.Count} (best single there: {members[0].Entry.Recipe} {single.Accuracy:P1})"),
            Status = CandidateStatus.Trained,
            ValidationAccuracy = ensemble.Accuracy,
            ValidationMacroF1 = ensemble.MacroF1,
            ValidationLogLoss = ensemble.LogLoss,
            Seconds = clock.Elapsed.TotalSeconds,
        };
        if (!wins)
        {
            return new Outcome(entry, null);
        }

        var chosen = kept.Select(m => members[m]).ToArray();
        var pipeline = new EnsemblePipeline(new SentimentEnsemble(chosen.Select(c => c.Model), kept.Select(m => weights[m]), ownsModels: true), temperature, [.. chosen.Select(c => (string?)c.Entry.Recipe)]);
        var heaviest = pipeline.Heaviest;
        var manifest = heaviest.Manifest with
        {
            Kind = ModelKindNames.Name(ModelKind.Ensemble),
            Sections = null,
            ValidationMetrics = ensemble,
            Sha256 = new Dictionary<string, string>(StringComparer.Ordinal),
        };
        var report = heaviest.Report is { } r
            ? r with
            {
                Model = ModelKind.Ensemble,
                FeatureCount = pipeline.FeatureCount,
                TrainingSeconds = chosen.Sum(c => c.Model.Report?.TrainingSeconds ?? 0) + clock.Elapsed.TotalSeconds,
                Calibration = null,
                CalibrationSkipped = null,
            }
            : null;
        return new Outcome(entry with { Seconds = clock.Elapsed.TotalSeconds }, new SentimentModel(pipeline, manifest, calibration: null, report, path: null, fileSha256: null));
    }

    private static float[] Average(List<float[]> probabilities, double[] weights)
    {
        var average = new float[probabilities[0].Length];
        for (var m = 0; m < probabilities.Count; m++)
        {
            for (var i = 0; i < average.Length && weights[m] > 0; i++)
            {
                average[i] += (float)(weights[m] * probabilities[m][i]);
            }
        }

        return average;
    }

    // A temperature is kept, as for a single model, only with enough examples and a lower log loss where it was fitted.
    private static double FitTemperature(float[] averaged, int[] labels, int classes)
    {
        if (labels.Length < TemperatureScaling.MinExamples)
        {
            return 1;
        }

        var fitted = TemperatureScaling.Fit(EnsemblePipeline.LogitsOf(averaged, 1), labels, classes);
        return fitted.NllAfter < fitted.NllBefore - 1e-9 ? fitted.Temperature : 1;
    }

    private static ClassificationMetrics Metrics(LabelSet labels, float[] logits, int[] truth)
    {
        var accumulator = new MetricsAccumulator(labels.Names);
        accumulator.Add(TemperatureScaling.SoftmaxRows(logits, labels.Count, 1), truth);
        return accumulator.Compute();
    }
}
