using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Evaluation;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>
/// Trains and evaluates any classifier module of the Modeling layer (the RNN classifier on token
/// ids, the bag-of-n-grams model on sparse features): batches, optimizer, schedule, gradient
/// clipping, validation, early stopping with best-weight restore, atomic per-epoch checkpoints and
/// exact resume, cancellation at batch boundaries, progress and logging.
/// </summary>
/// <typeparam name="TInput">What one example is for the module: token ids or sparse features.</typeparam>
public sealed class ClassifierTrainer<TInput>
{
    private readonly ITextClassifierModule<TInput> _model;
    private readonly TrainerOptions _options;
    private readonly ComputeDevice _device;
    private readonly string[] _labelNames;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ClassifierTrainer{TInput}"/> class and moves the model to the device.</summary>
    /// <param name="model">The module to train; its class count must match <paramref name="labelNames"/>.</param>
    /// <param name="labelNames">The class names in label-set order.</param>
    /// <param name="options">The training options; validated here, every error at once.</param>
    /// <param name="device">The device to train on.</param>
    /// <param name="logger">Where to log; <see langword="null"/> logs nothing.</param>
    /// <exception cref="InvalidOptionsException">An option is out of range.</exception>
    public ClassifierTrainer(ITextClassifierModule<TInput> model, IReadOnlyList<string> labelNames, TrainerOptions options, ComputeDevice device, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(labelNames);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(device);
        if (labelNames.Count != model.ClassCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The model has {model.ClassCount} classes but {labelNames.Count} label names were given."), nameof(labelNames));
        }

        options.Validate(labelNames.Count);
        _model = model;
        _labelNames = [.. labelNames];
        _options = options.Clone();
        _device = device;
        _logger = logger ?? NullLogger.Instance;
        _model.TorchModule.to(device.TorchDevice);
    }

    /// <summary>
    /// Gets or sets the time left to a budgeted run (automatic training): after an epoch, when the next would not fit
    /// in it by the last epoch's duration, the run ends there as if stopped early (best weights restored).
    /// </summary>
    internal Func<TimeSpan>? TimeLeft { get; set; }

    /// <summary>Gets a copy of the options in force.</summary>
    public TrainerOptions Options => _options.Clone();

    /// <summary>
    /// Gets or sets the optimizer's parameter groups (each with its learning-rate scale and weight decay), or
    /// <see langword="null"/> for one group of every parameter at the scheduled rate.
    /// </summary>
    internal IReadOnlyList<ParameterGroup>? ParameterGroups { get; set; }

    /// <summary>Trains the model.</summary>
    /// <param name="inputs">The training examples.</param>
    /// <param name="labels">The class index of each training example.</param>
    /// <param name="validationInputs">Validation examples; <see langword="null"/> holds out <see cref="TrainerOptions.ValidationFraction"/> of the training data instead.</param>
    /// <param name="validationLabels">The class index of each validation example.</param>
    /// <param name="progress">Receives progress every few steps.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary (the last epoch checkpoint stays).</param>
    /// <returns>The history of the run; the model holds the final (or best) weights.</returns>
    /// <exception cref="InvalidTrainingDataException">The data is empty, has one class, or has labels outside the label set.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Resuming found a checkpoint that cannot be used.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public TrainingHistory Train(
        IReadOnlyList<TInput> inputs,
        IReadOnlyList<int> labels,
        IReadOnlyList<TInput>? validationInputs = null,
        IReadOnlyList<int>? validationLabels = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var (trainInputs, trainLabels, validInputs, validLabels) = PrepareData(inputs, labels, validationInputs, validationLabels);
        return new Run(this, trainInputs, new Targets(trainLabels, null), validInputs, validLabels is null ? null : new Targets(validLabels, null), progress, cancellationToken).Execute();
    }

    /// <summary>
    /// Trains the model multi-label: one sigmoid per label and binary cross-entropy against each example's label set
    /// (positive weights for rare labels with <see cref="ClassWeighting.Balanced"/>); validation, early stopping,
    /// checkpoints and progress as <see cref="Train"/>, with the multi-label metrics at threshold 0.5 in each epoch's
    /// <see cref="EpochSummary.MultiLabelValidation"/>.
    /// </summary>
    /// <param name="inputs">The training examples.</param>
    /// <param name="targets">One row per training example, one flag per label (all false: the empty set).</param>
    /// <param name="validationInputs">Validation examples; <see langword="null"/> holds out <see cref="TrainerOptions.ValidationFraction"/> by iterative stratification.</param>
    /// <param name="validationTargets">The label sets of the validation examples.</param>
    /// <param name="progress">Receives progress every few steps (accuracy: the share of label decisions right at 0.5).</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary.</param>
    /// <returns>The history of the run; the model holds the final (or best) weights.</returns>
    internal TrainingHistory TrainMultiLabel(
        IReadOnlyList<TInput> inputs,
        IReadOnlyList<bool[]> targets,
        IReadOnlyList<TInput>? validationInputs = null,
        IReadOnlyList<bool[]>? validationTargets = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        TrainingData.CheckNotEmpty(inputs.Count, "training");
        TrainingData.CheckTargets(inputs.Count, targets, _labelNames.Length, "training");
        if ((validationInputs is null) != (validationTargets is null))
        {
            throw new InvalidTrainingDataException("Give both validation inputs and validation label sets, or neither.");
        }

        TInput[] trainInputs = [.. inputs];
        bool[][] trainTargets = [.. targets];
        TInput[]? validInputs = null;
        bool[][]? validTargets = null;
        if (validationInputs is not null)
        {
            TrainingData.CheckNotEmpty(validationInputs.Count, "validation");
            TrainingData.CheckTargets(validationInputs.Count, validationTargets!, _labelNames.Length, "validation");
            (validInputs, validTargets) = ([.. validationInputs], [.. validationTargets!]);
        }
        else if (_options.ValidationFraction > 0)
        {
            var (kept, heldOut) = DatasetSplitter.IterativeStratifiedIndices(LabelSetTargets.Indices(targets), _labelNames.Length, _options.ValidationFraction, _options.Seed);
            if (heldOut.Length > 0 && kept.Length > 0)
            {
                (validInputs, validTargets) = ([.. heldOut.Select(i => inputs[i])], [.. heldOut.Select(i => targets[i])]);
                (trainInputs, trainTargets) = ([.. kept.Select(i => inputs[i])], [.. kept.Select(i => targets[i])]);
            }
        }

        return new Run(this, trainInputs, new Targets(null, trainTargets), validInputs, validInputs is null ? null : new Targets(null, validTargets), progress, cancellationToken).Execute();
    }

    /// <summary>
    /// The multi-label metrics of the model on examples with label sets at the given thresholds (0.5 for every label
    /// when <see langword="null"/>), with the mean binary cross-entropy of its plain sigmoids.
    /// </summary>
    internal (MultiLabelEvaluation Metrics, double LogLoss) EvaluateMultiLabel(IReadOnlyList<TInput> inputs, IReadOnlyList<bool[]> targets, IReadOnlyList<float>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        TrainingData.CheckTargets(inputs.Count, targets, _labelNames.Length, "evaluation");
        var logits = PredictLogits(inputs);
        var classes = _labelNames.Length;
        var probabilities = MultiLabelHead.Sigmoids(logits, classes);
        return (MultiLabelEvaluation.Compute(_labelNames, targets, probabilities, thresholds ?? [.. Enumerable.Repeat(0.5f, classes)]), MultiLabelHead.LogLoss(probabilities, targets));
    }

    /// <summary>The former name of <see cref="Train"/>.</summary>
    /// <param name="inputs">The training examples.</param>
    /// <param name="labels">The class index of each training example.</param>
    /// <param name="validationInputs">Validation examples, or <see langword="null"/>.</param>
    /// <param name="validationLabels">The class index of each validation example.</param>
    /// <param name="progress">Receives progress every few steps.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary.</param>
    /// <returns>The history of the run.</returns>
    [Obsolete("Use Train: text-side objects are fitted, models are trained.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public TrainingHistory Fit(
        IReadOnlyList<TInput> inputs,
        IReadOnlyList<int> labels,
        IReadOnlyList<TInput>? validationInputs = null,
        IReadOnlyList<int>? validationLabels = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Train(inputs, labels, validationInputs, validationLabels, progress, cancellationToken);

    /// <summary>
    /// Runs the learning-rate range test on the model (see <see cref="LearningRateFinderOptions"/>) with the options'
    /// optimizer and batches, then puts the model's weights back as they were.
    /// </summary>
    /// <param name="inputs">The training examples.</param>
    /// <param name="labels">The class index of each example.</param>
    /// <param name="options">The test's settings; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives every step.</param>
    /// <param name="cancellationToken">Stops at the next batch boundary (the weights are put back).</param>
    /// <returns>The curve and the rates read from it.</returns>
    /// <exception cref="InvalidTrainingDataException">The data is empty or has labels outside the label set.</exception>
    /// <exception cref="InvalidOptionsException">An option is out of range.</exception>
    public LearningRateFinderResult FindLearningRate(
        IReadOnlyList<TInput> inputs,
        IReadOnlyList<int> labels,
        LearningRateFinderOptions? options = null,
        IProgress<LearningRatePoint>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        TrainingData.CheckNotEmpty(inputs.Count, "training");
        TrainingData.CheckIndexed(inputs.Count, labels, _labelNames.Length, "training");
        return RunRangeTest(inputs, () => TrainingObjective.SingleLabel([.. labels], _options, _labelNames.Length, _device.TorchDevice, weighted: false), options, progress, cancellationToken);
    }

    /// <summary>The learning-rate range test with the multi-label loss (see <see cref="FindLearningRate"/>).</summary>
    internal LearningRateFinderResult FindLearningRateMultiLabel(
        IReadOnlyList<TInput> inputs,
        IReadOnlyList<bool[]> targets,
        LearningRateFinderOptions? options = null,
        IProgress<LearningRatePoint>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        TrainingData.CheckNotEmpty(inputs.Count, "training");
        TrainingData.CheckTargets(inputs.Count, targets, _labelNames.Length, "training");
        return RunRangeTest(inputs, () => TrainingObjective.MultiLabel([.. targets], _options, _labelNames.Length, _device.TorchDevice), options, progress, cancellationToken);
    }

    // The test's options checked before the objective (and its tensors) is made.
    private LearningRateFinderResult RunRangeTest(
        IReadOnlyList<TInput> inputs, Func<TrainingObjective> objectiveOf, LearningRateFinderOptions? options, IProgress<LearningRatePoint>? progress, CancellationToken cancellationToken)
    {
        options = options?.Clone() ?? new LearningRateFinderOptions();
        options.Validate();
        using var objective = objectiveOf();
        return LearningRateRangeTest.Run(_model, _options, _device, [.. inputs], objective, options, progress, cancellationToken);
    }

    /// <summary>Computes the metrics of the model on labeled examples.</summary>
    /// <param name="inputs">The examples.</param>
    /// <param name="labels">The class index of each example.</param>
    /// <param name="temperature">The softmax temperature (1 for plain probabilities).</param>
    /// <returns>The metrics.</returns>
    public ClassificationMetrics Evaluate(IReadOnlyList<TInput> inputs, IReadOnlyList<int> labels, double temperature = 1)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        TrainingData.CheckIndexed(inputs.Count, labels, _labelNames.Length, "evaluation");

        var logits = PredictLogits(inputs);
        return MetricsFromLogits(logits, labels, temperature);
    }

    /// <summary>Computes the logits of every example, in input order (row-major <c>[count, classes]</c>).</summary>
    /// <param name="inputs">The examples.</param>
    /// <returns>The logits.</returns>
    public float[] PredictLogits(IReadOnlyList<TInput> inputs) =>
        ClassifierRunner.PredictLogits(_model, inputs, _device, _options.EvaluationBatchSize);

    /// <summary>Fits temperature scaling on labeled (validation) examples.</summary>
    /// <param name="inputs">The examples.</param>
    /// <param name="labels">The class index of each example.</param>
    /// <returns>The fitted temperature with the calibration error before and after.</returns>
    public TemperatureScaling Calibrate(IReadOnlyList<TInput> inputs, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        TrainingData.CheckIndexed(inputs.Count, labels, _labelNames.Length, "calibration");
        return TemperatureScaling.Fit(PredictLogits(inputs), [.. labels], _labelNames.Length);
    }

    private ClassificationMetrics MetricsFromLogits(float[] logits, IReadOnlyList<int> labels, double temperature)
    {
        var classes = _labelNames.Length;
        var probabilities = new float[logits.Length];
        for (var i = 0; i < labels.Count; i++)
        {
            TemperatureScaling.Softmax(logits.AsSpan(i * classes, classes), temperature, probabilities.AsSpan(i * classes, classes));
        }

        var accumulator = new MetricsAccumulator(_labelNames);
        accumulator.Add(probabilities, [.. labels]);
        return accumulator.Compute();
    }

    private (TInput[] Inputs, int[] Labels, TInput[]? ValidInputs, int[]? ValidLabels) PrepareData(
        IReadOnlyList<TInput> inputs, IReadOnlyList<int> labels, IReadOnlyList<TInput>? validationInputs, IReadOnlyList<int>? validationLabels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        TrainingData.CheckNotEmpty(inputs.Count, "training");
        TrainingData.CheckIndexed(inputs.Count, labels, _labelNames.Length, "training");
        TrainingData.CheckTwoClasses(labels, _labelNames);
        if ((validationInputs is null) != (validationLabels is null))
        {
            throw new InvalidTrainingDataException("Give both validation inputs and validation labels, or neither.");
        }

        if (validationInputs is not null)
        {
            TrainingData.CheckNotEmpty(validationInputs.Count, "validation");
            TrainingData.CheckIndexed(validationInputs.Count, validationLabels!, _labelNames.Length, "validation");
            return ([.. inputs], [.. labels], [.. validationInputs], [.. validationLabels!]);
        }

        if (_options.ValidationFraction <= 0)
        {
            return ([.. inputs], [.. labels], null, null);
        }

        var (kept, heldOut) = DatasetSplitter.StratifiedIndices(labels, _options.ValidationFraction, _options.Seed);
        if (heldOut.Length == 0 || kept.Length == 0)
        {
            return ([.. inputs], [.. labels], null, null);
        }

        return ([.. kept.Select(i => inputs[i])], [.. kept.Select(i => labels[i])], [.. heldOut.Select(i => inputs[i])], [.. heldOut.Select(i => labels[i])]);
    }

    /// <summary>The labels of a set: one class index per example, or one label set (0/1 per label) per example.</summary>
    private sealed record Targets(int[]? Labels, bool[][]? Sets);

    /// <summary>One call of <see cref="Train"/> or <see cref="TrainMultiLabel"/>: the loop and its state.</summary>
    private sealed class Run
    {
        private readonly ClassifierTrainer<TInput> _trainer;
        private readonly TInput[] _inputs;
        private readonly Targets _targets;
        private readonly TInput[]? _validInputs;
        private readonly Targets? _validTargets;
        private readonly IProgress<TrainingProgress>? _progress;
        private readonly CancellationToken _cancellationToken;
        private readonly TrainerOptions _options;
        private readonly nn.Module _module;
        private readonly IBatchSampler _sampler;
        private readonly ImprovementTracker _best;
        private readonly List<EpochSummary> _history = [];
        private Dictionary<string, Tensor>? _bestWeights;
        private int? _bestEpoch;
        private long _globalStep;
        private double[]? _rateScales;

        public Run(ClassifierTrainer<TInput> trainer, TInput[] inputs, Targets targets, TInput[]? validInputs, Targets? validTargets, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            _trainer = trainer;
            _inputs = inputs;
            _targets = targets;
            _validInputs = validInputs;
            _validTargets = validTargets;
            _progress = progress;
            _cancellationToken = cancellationToken;
            _options = trainer._options;
            _module = trainer._model.TorchModule;
            var lengths = inputs.Select(trainer._model.GetLength).ToArray();
            _sampler = _options.Batching == BatchingStrategy.Shuffled
                ? new ShuffledBatchSampler(lengths, _options.BatchSize, _options.Seed)
                : new BucketBatchSampler(lengths, new BucketBatchSamplerOptions { BatchSize = _options.BatchSize, MaxTokensPerBatch = _options.MaxTokensPerBatch, Seed = _options.Seed });
            _best = new ImprovementTracker(_options.EarlyStoppingMetric != EarlyStoppingMetric.Loss);
        }

        public TrainingHistory Execute()
        {
            var started = Stopwatch.StartNew();
            var logger = _trainer._logger;
            var classes = _trainer._labelNames.Length;
            var stepsPerEpoch = Enumerable.Range(0, _options.Epochs).Select(e => (long)_sampler.GetBatches(e).Count).ToArray();
            var scheduler = new LearningRateScheduler(_options, stepsPerEpoch.Sum(), _best.HigherIsBetter);
            using var optimizer = _trainer.ParameterGroups is { } groups ? Optimizers.Create(_options, groups) : Optimizers.Create(_options, _module.parameters());
            _rateScales = _trainer.ParameterGroups?.Select(g => g.LearningRateScale).ToArray();
            using var objective = _targets.Sets is { } sets
                ? TrainingObjective.MultiLabel(sets, _options, classes, _trainer._device.TorchDevice)
                : TrainingObjective.SingleLabel(_targets.Labels!, _options, classes, _trainer._device.TorchDevice);
            var fingerprint = Checkpoint.Fingerprint(_module);
            var firstEpoch = 1;
            int? resumedAfter = null;

            torch.manual_seed(_options.Seed);
            if (_options.Resume && Checkpoint.FindLatest(_options.CheckpointDirectory!) is { } latest)
            {
                var (state, best) = Checkpoint.Load(latest, _module, optimizer, fingerprint);
                firstEpoch = state.Epoch + 1;
                resumedAfter = state.Epoch;
                _globalStep = state.GlobalStep;
                scheduler.State = state.Plateau;
                _best.Restore(state.BestValue, state.ValidationsWithoutImprovement);
                _bestEpoch = state.BestEpoch;
                _bestWeights = best;
                _history.AddRange(state.History);
                Log.TrainingResumed(logger, latest, state.Epoch);
            }

            Log.TrainingStarted(logger, _inputs.Length, _validInputs?.Length ?? 0, _options.Epochs, _trainer._device);
            var stoppedEarly = false;
            for (var epoch = firstEpoch; epoch <= _options.Epochs && !stoppedEarly; epoch++)
            {
                stoppedEarly = TrainEpoch(epoch, optimizer, scheduler, objective) || OutOfTime(epoch);
                if (_options.CheckpointDirectory is { } directory)
                {
                    var state = new CheckpointState
                    {
                        Epoch = epoch,
                        GlobalStep = _globalStep,
                        Seed = _options.Seed,
                        Fingerprint = fingerprint,
                        Plateau = scheduler.State,
                        BestValue = _best.Best,
                        BestEpoch = _bestEpoch,
                        ValidationsWithoutImprovement = _best.SinceImprovement,
                        History = [.. _history],
                    };
                    var path = Checkpoint.PathFor(directory, epoch);
                    Checkpoint.Save(path, state, _module, optimizer, _bestWeights);
                    Checkpoint.Prune(directory, _options.CheckpointsToKeep);
                    Log.CheckpointSaved(logger, path);
                }
            }

            var finalEpoch = _history.Count > 0 ? _history[^1].Epoch : 0;
            if (stoppedEarly)
            {
                Log.EarlyStopped(logger, finalEpoch, _bestEpoch ?? finalEpoch);
            }

            if (_options.RestoreBestWeights && _bestWeights is not null && _bestEpoch is { } bestEpoch && bestEpoch != finalEpoch)
            {
                _module.load_state_dict(_bestWeights);
                finalEpoch = bestEpoch;
                Log.BestWeightsRestored(logger, bestEpoch);
            }

            ClassificationMetrics? finalValidation = null;
            MultiLabelEvaluation? finalMultiLabel = null;
            if (_validInputs is not null)
            {
                if (_validTargets!.Sets is { } validSets)
                {
                    finalMultiLabel = _trainer.EvaluateMultiLabel(_validInputs, validSets).Metrics;
                }
                else
                {
                    finalValidation = _trainer.Evaluate(_validInputs, _validTargets.Labels!);
                }
            }

            DisposeBestWeights();
            return new TrainingHistory
            {
                Epochs = [.. _history],
                FinalEpoch = finalEpoch,
                BestEpoch = _bestEpoch,
                BestValue = _best.Best,
                StoppedEarly = stoppedEarly,
                ResumedAfterEpoch = resumedAfter,
                FinalValidation = finalValidation,
                FinalMultiLabelValidation = finalMultiLabel,
                TotalSeconds = started.Elapsed.TotalSeconds,
            };
        }

        // True when a budgeted run could not fit another epoch as long as the last one.
        private bool OutOfTime(int epoch)
        {
            if (_trainer.TimeLeft is not { } timeLeft || epoch >= _options.Epochs)
            {
                return false;
            }

            var last = _history[^1];
            var left = timeLeft();
            if (left.TotalSeconds >= last.TrainSeconds + last.ValidationSeconds)
            {
                return false;
            }

            Log.BudgetStopped(_trainer._logger, epoch, _options.Epochs, left.TotalSeconds);
            return true;
        }

        // Returns true when early stopping says to stop after this epoch.
        private bool TrainEpoch(int epoch, optim.Optimizer optimizer, LearningRateScheduler scheduler, TrainingObjective objective)
        {
            var batches = _sampler.GetBatches(epoch - 1);
            var padding = _sampler.GetPaddingStatistics(epoch - 1);
            var parameters = _module.parameters().Where(p => p.requires_grad).ToArray();
            var clock = Stopwatch.StartNew();
            double validationSeconds = 0;
            double lossSum = 0;
            long correct = 0, seen = 0, decisions = 0;
            var steps = 0;
            double learningRate = scheduler.At(_globalStep);
            (ClassificationMetrics? Single, MultiLabelEvaluation? Multi) validation = default;
            var stop = false;

            _module.train();
            for (var b = 0; b < batches.Count; b++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var indices = batches[b];
                using (var scope = torch.NewDisposeScope())
                {
                    learningRate = scheduler.At(_globalStep);
                    var g = 0;
                    foreach (var group in optimizer.ParamGroups)
                    {
                        group.LearningRate = learningRate * (_rateScales is { } scales ? scales[g++] : 1);
                    }

                    using var batch = _trainer._model.CreateBatch(indices.Select(i => _inputs[i]).ToArray(), objective.BatchLabels(indices), _trainer._device.TorchDevice);
                    optimizer.zero_grad();
                    var logits = _trainer._model.ForwardBatch(batch);
                    var loss = objective.Loss(logits, batch, indices);
                    var lossValue = loss.item<float>();
                    if (!float.IsFinite(lossValue))
                    {
                        throw new TrainingDivergedException(epoch, b + 1, lossValue, learningRate);
                    }

                    loss.backward();
                    if (_options.GradientClipNorm is { } clip)
                    {
                        nn.utils.clip_grad_norm_(parameters, clip);
                    }

                    optimizer.step();
                    lossSum += lossValue;
                    correct += objective.Correct(logits, batch, indices);
                    seen += indices.Length;
                    decisions += (long)indices.Length * objective.DecisionsPerExample;
                }

                _globalStep++;
                steps++;
                if ((b + 1) % _options.ProgressIntervalSteps == 0 || b == batches.Count - 1)
                {
                    Report(epoch, b + 1, batches.Count, lossSum, correct, seen, decisions, learningRate, clock.Elapsed.TotalSeconds - validationSeconds);
                }

                if (_options.ValidationIntervalSteps is { } interval && _globalStep % interval == 0 && b < batches.Count - 1)
                {
                    var validationClock = Stopwatch.StartNew();
                    (validation, stop) = Validate(epoch, scheduler);
                    _module.train();
                    validationSeconds += validationClock.Elapsed.TotalSeconds;
                    if (stop)
                    {
                        break;
                    }
                }
            }

            var trainSeconds = clock.Elapsed.TotalSeconds - validationSeconds;
            if (!stop)
            {
                var validationClock = Stopwatch.StartNew();
                (validation, stop) = Validate(epoch, scheduler);
                validationSeconds += validationClock.Elapsed.TotalSeconds;
            }

            var summary = new EpochSummary
            {
                Epoch = epoch,
                Steps = steps,
                TrainLoss = lossSum / Math.Max(1, steps),
                TrainAccuracy = decisions > 0 ? (double)correct / decisions : 0,
                LearningRate = learningRate,
                TrainSeconds = trainSeconds,
                ValidationSeconds = validationSeconds,
                SamplesPerSecond = trainSeconds > 0 ? seen / trainSeconds : 0,
                PaddingEfficiency = padding.Efficiency,
                Validation = validation.Single,
                MultiLabelValidation = validation.Multi,
            };
            _history.Add(summary);
            var validationAccuracy = validation.Single?.Accuracy ?? validation.Multi?.SubsetAccuracy ?? double.NaN;
            Log.EpochCompleted(_trainer._logger, epoch, _options.Epochs, summary.TrainLoss, summary.TrainAccuracy, validationAccuracy, summary.SamplesPerSecond, trainSeconds);
            return stop;
        }

        private ((ClassificationMetrics? Single, MultiLabelEvaluation? Multi) Metrics, bool Stop) Validate(int epoch, LearningRateScheduler scheduler)
        {
            if (_validInputs is null)
            {
                return (default, false);
            }

            (ClassificationMetrics? Single, MultiLabelEvaluation? Multi) metrics;
            double value;
            if (_validTargets!.Sets is { } sets)
            {
                // Multi-label: subset accuracy, macro F1 at 0.5, or the mean binary cross-entropy.
                var (multi, logLoss) = _trainer.EvaluateMultiLabel(_validInputs, sets);
                metrics = (null, multi);
                value = _options.EarlyStoppingMetric switch
                {
                    EarlyStoppingMetric.MacroF1 => multi.MacroF1,
                    EarlyStoppingMetric.Loss => logLoss,
                    _ => multi.SubsetAccuracy,
                };
            }
            else
            {
                var single = _trainer.Evaluate(_validInputs, _validTargets.Labels!);
                metrics = (single, null);
                value = _options.EarlyStoppingMetric switch
                {
                    EarlyStoppingMetric.MacroF1 => single.MacroF1,
                    EarlyStoppingMetric.Loss => single.LogLoss,
                    _ => single.Accuracy,
                };
            }

            if (scheduler.OnValidation(value))
            {
                Log.LearningRateReduced(_trainer._logger, scheduler.State.LearningRate);
            }

            if (_best.Observe(value))
            {
                _bestEpoch = epoch;
                if (_options.RestoreBestWeights)
                {
                    SnapshotBestWeights();
                }

                return (metrics, false);
            }

            return (metrics, _options.EarlyStoppingPatience is { } patience && _best.SinceImprovement >= patience);
        }

        private void SnapshotBestWeights()
        {
            DisposeBestWeights();
            _bestWeights = _module.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().cpu().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        }

        private void DisposeBestWeights()
        {
            if (_bestWeights is null)
            {
                return;
            }

            foreach (var tensor in _bestWeights.Values)
            {
                tensor.Dispose();
            }

            _bestWeights = null;
        }

        private void Report(int epoch, int step, int steps, double lossSum, long correct, long seen, long decisions, double learningRate, double seconds)
        {
            if (_progress is null)
            {
                return;
            }

            var perStep = seconds / step;
            var remainingSteps = (steps - step) + ((long)(_options.Epochs - epoch) * steps);
            _progress.Report(new TrainingProgress
            {
                Epoch = epoch,
                Epochs = _options.Epochs,
                Step = step,
                StepsInEpoch = steps,
                Loss = lossSum / step,
                Accuracy = decisions > 0 ? (double)correct / decisions : 0,
                LearningRate = learningRate,
                SamplesPerSecond = seconds > 0 ? seen / seconds : 0,
                EstimatedTimeLeft = TimeSpan.FromSeconds(perStep * remainingSteps),
            });
        }
    }
}
