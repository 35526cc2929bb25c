using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SentimentKit.Data;
using SentimentKit.Families;
using SentimentKit.Families.Ensemble;

namespace SentimentKit;

/// <summary>
/// Picks the model for the data within a time budget: trains the library's recipes cheapest first (the n-gram models
/// in seconds, then the recurrent ones), each fitted to the training set's statistics, judges every one on the same
/// validation split — never on anything else — and returns the best, with the leaderboard of all of them in its
/// file (<see cref="SentimentModel.Leaderboard"/>). After the single candidates it tries an ensemble of the best
/// candidate of each kind (<see cref="AutoTrainerOptions.EnsembleMembers"/>): weights and a temperature fitted on one
/// half of the validation split, chosen only if it is more accurate than the best single candidate on the other half.
/// The chosen model, ensemble or not, is one <c>.skm</c> file.
/// </summary>
/// <example>
/// <code>
/// var auto = new SentimentAutoTrainer(new AutoTrainerOptions { TimeBudget = TimeSpan.FromMinutes(2) });
/// using var model = auto.Train(examples);
/// model.Save("reviews.skm");
/// </code>
/// </example>
public sealed class SentimentAutoTrainer
{
    private readonly AutoTrainerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="SentimentAutoTrainer"/> class.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Validated (every error at once) and copied.</param>
    /// <param name="logger">Where to log; <see langword="null"/> logs nothing.</param>
    /// <exception cref="InvalidOptionsException">An option is invalid.</exception>
    public SentimentAutoTrainer(AutoTrainerOptions? options = null, ILogger? logger = null)
    {
        _options = options?.Clone() ?? new AutoTrainerOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets a copy of the options this trainer uses.</summary>
    public AutoTrainerOptions Options => _options.Clone();

    /// <summary>
    /// Trains the candidates within the time budget and returns the one with the best validation accuracy (ties: the
    /// lower validation log loss, then the cheaper), or the ensemble of the best of each kind when it beats that one on
    /// the half of the validation split its weights were not fitted on. Candidates that finished are kept when the
    /// budget runs out; the ensemble is tried only while time is left (when two kinds compete, the single candidates
    /// keep the last tenth of the budget for it).
    /// </summary>
    /// <param name="train">The training examples.</param>
    /// <param name="validation">
    /// The examples every candidate is judged on; <see langword="null"/> holds out
    /// <see cref="AutoTrainerOptions.ValidationFraction"/> of <paramref name="train"/>, stratified. Give no test data
    /// here: what decides the choice is not a fair estimate of the chosen model's accuracy.
    /// </param>
    /// <param name="progress">Receives each candidate's training progress, in turn.</param>
    /// <param name="candidateProgress">Receives each candidate's leaderboard entry as it finishes or is skipped.</param>
    /// <param name="cancellationToken">Stops at the next batch boundary with <see cref="OperationCanceledException"/>; nothing is kept.</param>
    /// <returns>The chosen model; its <see cref="SentimentModel.Leaderboard"/> lists every candidate.</returns>
    /// <exception cref="InvalidTrainingDataException">The data cannot be trained on.</exception>
    /// <exception cref="TimeoutException">The budget ended before any candidate finished its first epoch.</exception>
    public SentimentModel Train(
        IEnumerable<TextExample> train,
        IEnumerable<TextExample>? validation = null,
        IProgress<TrainingProgress>? progress = null,
        IProgress<LeaderboardEntry>? candidateProgress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var clock = Stopwatch.StartNew();
        var trainList = train as IReadOnlyList<TextExample> ?? [.. train];
        var validationList = validation is null ? null : validation as IReadOnlyList<TextExample> ?? [.. validation];
        if (TrainingData.IsMultiLabel(trainList, validationList))
        {
            throw new InvalidTrainingDataException("The examples have label sets: automatic training (--model auto) chooses among single-label models only; choose a model kind (bilstm, gru, baseline, nbsvm or transformer) to train a multi-label one.");
        }

        TrainingData.MapLabels(trainList, validationList);
        if (validationList is null)
        {
            var split = DatasetSplitter.StratifiedSplit(trainList, _options.ValidationFraction, _options.Seed);
            (trainList, validationList) = (split.Train, split.Validation);
        }

        var candidates = Candidates(trainList, validationList);
        var budget = _options.TimeBudget;

        // The ensemble scores the validation split with its members once more after the single candidates: when it can
        // be tried (two kinds compete), they stop at nine tenths of the budget, so that a last candidate does not spend
        // the rest of it and leave the ensemble untried.
        var ensembleLikely = _options.EnsembleMembers >= 2 && candidates.Select(c => c.Options.Kind).Distinct().Count() >= 2;
        var singlesBudget = ensembleLikely ? budget * (1 - EnsembleBudgetShare) : budget;
        TimeSpan TimeLeft() => singlesBudget - clock.Elapsed;
        TimeSpan EnsembleTimeLeft() => budget - clock.Elapsed;

        var entries = new List<LeaderboardEntry>();
        var trained = new List<(int Entry, SentimentModel Model)>();
        try
        {
            foreach (var (name, options) in candidates)
            {
                var family = ModelFamilies.For(options.Kind);
                var entry = new LeaderboardEntry { Recipe = name, Kind = options.Kind, Settings = family.DescribeRecipe(options), Status = CandidateStatus.Skipped };
                if (TimeLeft() > TimeSpan.Zero)
                {
                    var started = clock.Elapsed;
                    using var budgetEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    budgetEnd.CancelAfter(TimeLeft());
                    try
                    {
                        var model = new SentimentTrainer(options, _logger).Train(trainList, validationList, progress, TimeLeft, budgetEnd.Token);
                        trained.Add((entries.Count, model));
                        var history = model.Report!.History;
                        var metrics = model.ValidationMetrics!;
                        entry = entry with
                        {
                            Status = history.Epochs.Count < options.Trainer.Epochs && TimeLeft() < TimeSpan.FromSeconds(history.Epochs[^1].TrainSeconds + history.Epochs[^1].ValidationSeconds)
                                ? CandidateStatus.CutByBudget : CandidateStatus.Trained,
                            ValidationAccuracy = metrics.Accuracy,
                            ValidationMacroF1 = metrics.MacroF1,
                            ValidationLogLoss = metrics.LogLoss,
                            Epochs = history.Epochs.Count,
                        };
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        entry = entry with { Status = CandidateStatus.OutOfBudget };
                    }

                    entry = entry with { Seconds = (clock.Elapsed - started).TotalSeconds };
                }

                Log.AutoCandidate(_logger, name, entry.Status, entry.Seconds, entry.ValidationAccuracy ?? double.NaN);
                entries.Add(entry);
                candidateProgress?.Report(entry);
            }

            if (trained.Count == 0)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The time budget of {budget.TotalSeconds:F0} s ended before any candidate finished its first epoch; give a longer budget."));
            }

            // Validation decides alone: accuracy, then log loss, then cost (candidates are in cost order).
            var ranked = trained.OrderByDescending(t => entries[t.Entry].ValidationAccuracy).ThenBy(t => entries[t.Entry].ValidationLogLoss).ThenBy(t => t.Entry).ToList();
            var best = ranked[0];
            var ensemble = TryEnsemble(ranked.Select(t => (entries[t.Entry], t.Model)), validationList, EnsembleTimeLeft, cancellationToken);
            if (ensemble is not null)
            {
                Log.AutoCandidate(_logger, AutoEnsemble.Recipe, ensemble.Entry.Status, ensemble.Entry.Seconds, ensemble.Entry.ValidationAccuracy ?? double.NaN);
                entries.Add(ensemble.Entry);
                candidateProgress?.Report(ensemble.Entry);
            }

            var chosenIndex = ensemble?.Model is null ? best.Entry : entries.Count - 1;
            var chosen = ensemble?.Model ?? best.Model;
            var kept = ensemble?.Model?.Pipeline is EnsemblePipeline pipeline ? pipeline.Ensemble.Models : [chosen];
            entries[chosenIndex] = entries[chosenIndex] with { Chosen = true };
            chosen.AttachLeaderboard(entries, budget);
            foreach (var (_, model) in trained.Where(t => !kept.Contains(t.Model)))
            {
                model.Dispose();
            }

            return chosen;
        }
        catch
        {
            trained.ForEach(t => t.Model.Dispose());
            throw;
        }
    }

    /// <summary>
    /// The ensemble candidate (<see cref="AutoEnsemble"/>) of the finished candidates, ranked best first; <see langword="null"/>
    /// when fewer than two kinds finished, ensembles are off, or the validation split is too small to halve.
    /// </summary>
    private AutoEnsemble.Outcome? TryEnsemble(IEnumerable<(LeaderboardEntry Entry, SentimentModel Model)> ranked, IReadOnlyList<TextExample> validation, Func<TimeSpan> timeLeft, CancellationToken cancellationToken)
    {
        var members = AutoEnsemble.Members(ranked, _options.EnsembleMembers);
        if (members.Count < 2 || validation.Count < MinEnsembleValidation)
        {
            return null;
        }

        var entry = new LeaderboardEntry
        {
            Recipe = AutoEnsemble.Recipe,
            Kind = ModelKind.Ensemble,
            Settings = "of " + string.Join(" + ", members.Select(m => m.Entry.Recipe)),
            Status = CandidateStatus.Skipped,
        };
        if (timeLeft() <= TimeSpan.Zero)
        {
            return new AutoEnsemble.Outcome(entry, null);
        }

        var started = Stopwatch.StartNew();
        using var budgetEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budgetEnd.CancelAfter(timeLeft());
        try
        {
            return AutoEnsemble.Try(members, validation, _options.Seed, budgetEnd.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AutoEnsemble.Outcome(entry with { Status = CandidateStatus.OutOfBudget, Seconds = started.Elapsed.TotalSeconds }, null);
        }
    }

    private const double EnsembleBudgetShare = 0.1;

    // Each half of the validation split must hold a few examples of every label to fit weights on one and judge on the other.
    private const int MinEnsembleValidation = 8;

    /// <summary>Trains on a background thread (see <see cref="Train"/>).</summary>
    /// <param name="train">The training examples.</param>
    /// <param name="validation">The examples every candidate is judged on, or <see langword="null"/>.</param>
    /// <param name="progress">Receives each candidate's training progress.</param>
    /// <param name="candidateProgress">Receives each candidate's leaderboard entry.</param>
    /// <param name="cancellationToken">Stops at the next batch boundary.</param>
    /// <returns>The chosen model.</returns>
    public Task<SentimentModel> TrainAsync(
        IEnumerable<TextExample> train,
        IEnumerable<TextExample>? validation = null,
        IProgress<TrainingProgress>? progress = null,
        IProgress<LeaderboardEntry>? candidateProgress = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => Train(train, validation, progress, candidateProgress, cancellationToken), cancellationToken);

    /// <summary>The candidates' options, cheapest first, fitted to the training set unless fixed recipes were asked for.</summary>
    private List<(string Name, SentimentTrainerOptions Options)> Candidates(IReadOnlyList<TextExample> train, IReadOnlyList<TextExample> validation)
    {
        List<(string Name, SentimentTrainerOptions Options)> candidates;
        if (_options.Candidates is { } given)
        {
            candidates = [.. given.Select(c => (c.Name, c.Options.Clone()))];
        }
        else
        {
            // The statistics of everything the candidates learn from and are judged on: the recipes' rules count the validation split in.
            var statistics = _options.DeriveRecipes ? DatasetStatistics.Compute([.. train, .. validation]) : null;
            var recipes = SentimentTrainerOptions.Recipes
                .Where(r => _options.Recipes is null || _options.Recipes.Contains(r.Name, StringComparer.OrdinalIgnoreCase))
                .OrderBy(r => r.RelativeCost);
            candidates = [.. recipes.Select(r => (r.Name, statistics is null ? SentimentTrainerOptions.FromRecipe(r.Name) : SentimentTrainerOptions.FromRecipe(r.Name, statistics)))];

            // Every recipe, when none were named, means every recipe that needs nothing more: a transformer needs its
            // encoder's files, which only candidates given with their options (or a named recipe that then fails its
            // validation with the reason) can bring.
            if (_options.Recipes is null)
            {
                candidates.RemoveAll(c => !c.Options.Model.HasRequiredFiles);
            }
        }

        foreach (var (_, options) in candidates)
        {
            options.Device = _options.Device;
            options.CpuThreads = _options.CpuThreads;
            options.Trainer.Seed = _options.Seed;
        }

        return candidates;
    }
}
