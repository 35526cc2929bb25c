using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Families;
using SentimentKit.Text;

namespace SentimentKit;

/// <summary>
/// Trains a <see cref="SentimentModel"/> from labeled texts: builds the label set, the model family's text side
/// (from the training data only) and its network, trains it with validation, calibrates it, and returns it with a
/// <see cref="TrainingReport"/>.
/// </summary>
/// <example>
/// <code>
/// using var model = new SentimentTrainer().Train(examples);
/// model.Save("reviews.skm");
/// </code>
/// </example>
public sealed class SentimentTrainer
{
    private readonly SentimentTrainerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="SentimentTrainer"/> class.</summary>
    /// <param name="options">
    /// The options; <see langword="null"/> uses the recommended BiLSTM recipe. Validated (every error at once) and
    /// copied here, so later changes to <paramref name="options"/> do not reach this trainer.
    /// </param>
    /// <param name="logger">Where to log; <see langword="null"/> logs nothing.</param>
    /// <exception cref="InvalidOptionsException">An option is invalid.</exception>
    public SentimentTrainer(SentimentTrainerOptions? options = null, ILogger? logger = null)
    {
        _options = options?.Clone() ?? SentimentTrainerOptions.Recommended(ModelKind.BiLstm);
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets a copy of the options this trainer uses.</summary>
    public SentimentTrainerOptions Options => _options.Clone();

    /// <summary>Trains on labeled (text, label) pairs with the options' validation split.</summary>
    /// <param name="examples">The training examples.</param>
    /// <returns>The trained model.</returns>
    public SentimentModel Train(IEnumerable<(string Text, string Label)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return Train(examples.Select(e => new TextExample(e.Text, e.Label)));
    }

    /// <summary>Trains a model.</summary>
    /// <param name="train">The training examples.</param>
    /// <param name="validation">Validation examples; <see langword="null"/> holds out <see cref="TrainerOptions.ValidationFraction"/> of <paramref name="train"/>, stratified.</param>
    /// <param name="progress">Receives training progress.</param>
    /// <param name="cancellationToken">Stops at the next batch boundary with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The trained model, holding its <see cref="SentimentModel.Report"/>.</returns>
    /// <exception cref="InvalidTrainingDataException">The data is empty, has a single label, or validation labels unknown to training.</exception>
    /// <exception cref="DeviceUnavailableException">The requested device cannot be used.</exception>
    public SentimentModel Train(
        IEnumerable<TextExample> train,
        IEnumerable<TextExample>? validation = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Train(train, validation, progress, timeLeft: null, cancellationToken);

    /// <summary>Trains a model; a budgeted run (<paramref name="timeLeft"/>) ends after the last epoch that fits.</summary>
    internal SentimentModel Train(
        IEnumerable<TextExample> train,
        IEnumerable<TextExample>? validation,
        IProgress<TrainingProgress>? progress,
        Func<TimeSpan>? timeLeft,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        var options = _options;
        var trainList = train as IReadOnlyList<TextExample> ?? [.. train];
        var validationList = validation is null ? null : validation as IReadOnlyList<TextExample> ?? [.. validation];
        var multiLabel = TrainingData.IsMultiLabel(trainList, validationList);
        var (labels, targets) = multiLabel ? SplitMultiLabel(ref trainList, ref validationList) : SplitSingleLabel(ref trainList, ref validationList);
        var context = Context(trainList, targets, validationList, labels, progress, timeLeft, rangeTest: null, cancellationToken);
        var pipeline = ModelFamilies.For(options.Kind).Train(context);
        var device = context.Device;
        var report = new TrainingReport
        {
            Model = options.Kind,
            Device = device.Describe(),
            TrainCount = trainList.Count,
            ValidationCount = validationList?.Count ?? 0,
            FeatureCount = context.FeatureCount,
            OutOfVocabularyRate = context.OutOfVocabularyRate,
            PreparationSeconds = context.PreparationSeconds,
            TrainingSeconds = context.Clock.Elapsed.TotalSeconds - context.PreparationSeconds,
            History = context.History!,
            LearningRateRangeTest = context.RangeTestResult,
            Calibration = context.Calibration,
            CalibrationSkipped = context.CalibrationSkipped,
            Task = multiLabel ? ClassificationTask.MultiLabel : ClassificationTask.SingleLabel,
            MultiLabelValidation = context.MultiLabelValidation,
            MultiLabelValidationAtHalf = context.MultiLabelValidationAtHalf,
            CalibratedLabels = context.CalibratedLabels,
        };
        var manifest = new ModelManifest
        {
            FormatVersion = ArtifactEntries.FormatVersion,
            LibraryVersion = LibraryVersion,
            TorchSharpVersion = TorchBackend.TorchSharpVersion,
            CreatedUtc = DateTimeOffset.UtcNow,
            Kind = ModelKindNames.Name(options.Kind),
            Normalizer = options.Normalizer.Clone(),
            Tokenizer = "word",
            Labels = labels.Names,
            Seed = options.Trainer.Seed,
            ValidationMetrics = context.ValidationMetrics,
            Sha256 = new Dictionary<string, string>(),
            Task = multiLabel ? MultiLabelSection.Task : null,
        };
        if (context.MultiLabel is { } head)
        {
            manifest = manifest.WithSection(MultiLabelSection.Name, head);
        }

        return new SentimentModel(pipeline, manifest, context.Calibration, report, path: null, fileSha256: null);
    }

    /// <summary>Trains a model on a background thread (see <see cref="Train(IEnumerable{TextExample}, IEnumerable{TextExample}?, IProgress{TrainingProgress}?, CancellationToken)"/>).</summary>
    /// <param name="train">The training examples.</param>
    /// <param name="validation">Validation examples, or <see langword="null"/>.</param>
    /// <param name="progress">Receives training progress.</param>
    /// <param name="cancellationToken">Stops at the next batch boundary.</param>
    /// <returns>The trained model.</returns>
    public Task<SentimentModel> TrainAsync(
        IEnumerable<TextExample> train,
        IEnumerable<TextExample>? validation = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => Train(train, validation, progress, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs the learning-rate range test for these options on the examples: builds the model as training would (the
    /// text side fitted on <paramref name="train"/>), trains it for <see cref="LearningRateFinderOptions.Steps"/>
    /// batches with an exponentially growing rate, and discards it. Set <see cref="TrainerOptions.LearningRate"/>
    /// to the result's <see cref="LearningRateFinderResult.Suggested"/> (or a rate near it) before training; where it is
    /// <see langword="null"/> the loss never fell clearly within the test (a recurrent network from scratch over the
    /// default 100 steps, typically): give the test more steps over a narrower range, or keep the recipe's rate.
    /// </summary>
    /// <param name="train">The training examples (no validation split is held out).</param>
    /// <param name="options">The test's settings; <see langword="null"/> for the defaults (1e-7 to 10 over 100 steps).</param>
    /// <param name="progress">Receives every step of the curve.</param>
    /// <param name="cancellationToken">Stops at the next batch boundary with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The curve and the rates read from it.</returns>
    /// <exception cref="InvalidTrainingDataException">The data is empty or has a single label.</exception>
    /// <exception cref="InvalidOptionsException">An option is invalid.</exception>
    public LearningRateFinderResult FindLearningRate(
        IEnumerable<TextExample> train,
        LearningRateFinderOptions? options = null,
        IProgress<LearningRatePoint>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        options = options?.Clone() ?? new LearningRateFinderOptions();
        options.Validate();
        var trainList = train as IReadOnlyList<TextExample> ?? [.. train];
        LabelSet labels;
        Targets targets;
        if (TrainingData.IsMultiLabel(trainList, null))
        {
            var (names, sets, _) = TrainingData.MapLabelSets(trainList, null);
            (labels, targets) = (names, new Targets([], null, sets, null));
        }
        else
        {
            var (names, indices, _) = TrainingData.MapLabels(trainList, null);
            (labels, targets) = (names, new Targets(indices, null, null, null));
        }

        var context = Context(trainList, targets, null, labels, null, null, (options, progress), cancellationToken);
        ModelFamilies.For(_options.Kind).Train(context).Dispose();
        return context.RangeTestResult!;
    }

    /// <summary>The labels of the training and validation examples: class indices, or label sets (with empty class indices).</summary>
    private sealed record Targets(int[] TrainLabels, int[]? ValidLabels, bool[][]? TrainSets, bool[][]? ValidSets);

    // Single-label: the label set of the training data, and a stratified validation split when none is given.
    private (LabelSet Labels, Targets Targets) SplitSingleLabel(ref IReadOnlyList<TextExample> trainList, ref IReadOnlyList<TextExample>? validationList)
    {
        var (labels, trainLabels, validLabels) = TrainingData.MapLabels(trainList, validationList);
        if (validationList is null && _options.Trainer.ValidationFraction > 0)
        {
            var (kept, heldOut) = DatasetSplitter.StratifiedIndices(trainLabels, _options.Trainer.ValidationFraction, _options.Trainer.Seed);
            if (heldOut.Length > 0)
            {
                var all = trainList;
                validationList = [.. heldOut.Select(i => all[i])];
                validLabels = [.. heldOut.Select(i => trainLabels[i])];
                trainList = [.. kept.Select(i => all[i])];
                trainLabels = [.. kept.Select(i => trainLabels[i])];
            }
        }

        return (labels, new Targets(trainLabels, validLabels, null, null));
    }

    // Multi-label: the labels of every training set, and a validation split by iterative stratification (Sechidis et al.
    // 2011) when none is given, so that rare labels have examples on both sides.
    private (LabelSet Labels, Targets Targets) SplitMultiLabel(ref IReadOnlyList<TextExample> trainList, ref IReadOnlyList<TextExample>? validationList)
    {
        var (labels, trainSets, validSets) = TrainingData.MapLabelSets(trainList, validationList);
        if (validationList is null && _options.Trainer.ValidationFraction > 0)
        {
            var (kept, heldOut) = DatasetSplitter.IterativeStratifiedIndices(
                LabelSetTargets.Indices(trainSets), labels.Count, _options.Trainer.ValidationFraction, _options.Trainer.Seed);
            if (heldOut.Length > 0 && kept.Length > 0)
            {
                var all = trainList;
                validationList = [.. heldOut.Select(i => all[i])];
                validSets = [.. heldOut.Select(i => trainSets[i])];
                trainList = [.. kept.Select(i => all[i])];
                trainSets = [.. kept.Select(i => trainSets[i])];
            }
        }

        return (labels, new Targets([], null, trainSets, validSets));
    }

    private FamilyTrainingContext Context(
        IReadOnlyList<TextExample> trainList, Targets targets, IReadOnlyList<TextExample>? validationList, LabelSet labels,
        IProgress<TrainingProgress>? progress, Func<TimeSpan>? timeLeft, (LearningRateFinderOptions, IProgress<LearningRatePoint>?)? rangeTest, CancellationToken cancellationToken)
    {
        var options = _options;
        var device = TorchBackend.Resolve(options.Device, _logger);
        if (options.CpuThreads is { } threads)
        {
            TorchBackend.SetCpuThreads(threads);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new FamilyTrainingContext
        {
            Options = options,
            Labels = labels,
            Normalizer = new TextNormalizer(options.Normalizer),
            TrainTexts = [.. trainList.Select(e => e.Text)],
            TrainLabels = targets.TrainLabels,
            TrainTargets = targets.TrainSets,
            ValidTexts = validationList?.Select(e => e.Text).ToArray(),
            ValidLabels = targets.ValidLabels,
            ValidTargets = targets.ValidSets,
            Device = device,
            Logger = _logger,
            Progress = progress,
            CancellationToken = cancellationToken,
            Clock = Stopwatch.StartNew(),
            TimeLeft = timeLeft,
            RangeTest = rangeTest,
        };
    }

    private static string LibraryVersion =>
        typeof(SentimentTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
