using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SentimentKit.Artifacts;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Evaluation;
using SentimentKit.Modeling;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Families;

/// <summary>
/// One training run as a family sees it: the checked options, labels and texts, the device, where to report — and
/// <see cref="Train{TInput}"/>, the part every family shares: the training loop, calibration and the final
/// validation, whose results the facade reads afterwards.
/// </summary>
internal sealed class FamilyTrainingContext
{
    public required SentimentTrainerOptions Options { get; init; }

    public required LabelSet Labels { get; init; }

    public required TextNormalizer Normalizer { get; init; }

    public required string[] TrainTexts { get; init; }

    /// <summary>Gets the class index of each training text; empty for a multi-label run (see <see cref="TrainTargets"/>).</summary>
    public required int[] TrainLabels { get; init; }

    /// <summary>Gets the label set of each training text (one flag per label) for a multi-label run, or <see langword="null"/>.</summary>
    public bool[][]? TrainTargets { get; init; }

    /// <summary>Gets the label set of each validation text for a multi-label run, or <see langword="null"/>.</summary>
    public bool[][]? ValidTargets { get; init; }

    /// <summary>Gets a value indicating whether the run is multi-label: one sigmoid per label, whatever the family.</summary>
    public bool IsMultiLabel => TrainTargets is not null;

    public required string[]? ValidTexts { get; init; }

    public required int[]? ValidLabels { get; init; }

    public required ComputeDevice Device { get; init; }

    public required ILogger Logger { get; init; }

    public required IProgress<TrainingProgress>? Progress { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    public required Stopwatch Clock { get; init; }

    /// <summary>Gets the time left to a budgeted run, or <see langword="null"/> (see <see cref="ClassifierTrainer{TInput}.TimeLeft"/>).</summary>
    public Func<TimeSpan>? TimeLeft { get; init; }

    /// <summary>
    /// Gets the learning-rate range test to run instead of training, with where to report its steps; its result is
    /// <see cref="RangeTestResult"/>, and the pipeline the family returns is untrained.
    /// </summary>
    public (LearningRateFinderOptions Options, IProgress<LearningRatePoint>? Progress)? RangeTest { get; init; }

    public LearningRateFinderResult? RangeTestResult { get; private set; }

    /// <summary>Gets the seed of the run.</summary>
    public int Seed => Options.Trainer.Seed;

    public int FeatureCount { get; private set; }

    public double OutOfVocabularyRate { get; private set; }

    public double PreparationSeconds { get; private set; }

    public TrainingHistory? History { get; private set; }

    public TemperatureScaling? Calibration { get; private set; }

    public ClassificationMetrics? ValidationMetrics { get; private set; }

    /// <summary>Gets why calibration was asked for but not applied, or <see langword="null"/>.</summary>
    public string? CalibrationSkipped { get; private set; }

    /// <summary>Gets the head of a multi-label run after training: thresholds, per-label calibration, validation metrics.</summary>
    public MultiLabelSection? MultiLabel { get; private set; }

    /// <summary>Gets the multi-label validation metrics with calibration and tuned thresholds.</summary>
    public MultiLabelEvaluation? MultiLabelValidation { get; private set; }

    /// <summary>Gets the multi-label validation metrics with calibration and every threshold at 0.5.</summary>
    public MultiLabelEvaluation? MultiLabelValidationAtHalf { get; private set; }

    /// <summary>Gets the labels whose Platt scaling was kept.</summary>
    public IReadOnlyList<string>? CalibratedLabels { get; private set; }

    /// <summary>Encodes texts in parallel, stopping at cancellation.</summary>
    public TInput[] Encode<TInput>(IReadOnlyList<string> texts, Func<string, TInput> encode)
    {
        var encoded = new TInput[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = CancellationToken }, i => encoded[i] = encode(texts[i]));
        return encoded;
    }

    /// <summary>
    /// Trains the module on the encoded examples (the options' validation split is already held out), calibrates it
    /// on the validation examples when asked, and hands it over as a runner in evaluation mode. The module is disposed
    /// on failure. <paramref name="encode"/> turns texts into inputs the way the family does, so that calibration can
    /// also fit on short texts (<see cref="SentimentTrainerOptions.CalibrateOnShortTexts"/>); without it, calibration
    /// fits on the validation texts as they are. <paramref name="parameterGroups"/>, when given, is asked for the
    /// optimizer's groups once the module is on its device (moving a module may replace its parameters).
    /// </summary>
    public ClassifierRunner<TInput> Train<TInput>(
        ITextClassifierModule<TInput> module,
        TInput[] train,
        TInput[]? valid,
        IAttributionMethod<TInput> attribution,
        int featureCount,
        double outOfVocabularyRate,
        Func<IReadOnlyList<string>, TInput[]>? encode = null,
        Func<IReadOnlyList<ParameterGroup>>? parameterGroups = null)
    {
        PreparationSeconds = Clock.Elapsed.TotalSeconds;
        FeatureCount = featureCount;
        OutOfVocabularyRate = outOfVocabularyRate;
        Log.DataPrepared(Logger, train.Length, valid?.Length ?? 0, featureCount, outOfVocabularyRate, PreparationSeconds);
        try
        {
            var loop = Options.Trainer.Clone();
            loop.ValidationFraction = 0;
            ClassifierTrainer<TInput> NewTrainer() => new(module, Labels.Names, loop, Device, Logger) { TimeLeft = TimeLeft, ParameterGroups = parameterGroups?.Invoke() };
            LearningRateFinderResult FindRate(ClassifierTrainer<TInput> on, LearningRateFinderOptions options, IProgress<LearningRatePoint>? progress) => IsMultiLabel
                ? on.FindLearningRateMultiLabel(train, TrainTargets!, options, progress, CancellationToken)
                : on.FindLearningRate(train, TrainLabels, options, progress, CancellationToken);

            var trainer = NewTrainer();
            if (RangeTest is { } test)
            {
                RangeTestResult = FindRate(trainer, test.Options, test.Progress);
                return new ClassifierRunner<TInput>(module, Device, attribution) { MultiLabel = IsMultiLabel };
            }

            if (Options.LearningRateFinder is { } finder)
            {
                // The recipe's own range test: the weights are put back after it, and its rate replaces the recipe's.
                RangeTestResult = FindRate(trainer, finder, progress: null);
                if (RangeTestResult.Suggested is { } rate)
                {
                    loop.LearningRate = rate;
                    trainer = NewTrainer();
                    Log.RangeTestApplied(Logger, RangeTestResult.Curve.Count, RangeTestResult.Minimum, rate);
                }
                else
                {
                    Log.RangeTestNoDescent(Logger, RangeTestResult.Curve.Count, loop.LearningRate);
                }
            }

            if (IsMultiLabel)
            {
                History = trainer.TrainMultiLabel(train, TrainTargets!, valid, ValidTargets, Progress, CancellationToken);
                FitMultiLabelHead(trainer, valid);
                return new ClassifierRunner<TInput>(module, Device, attribution) { MultiLabel = true };
            }

            History = trainer.Train(train, TrainLabels, valid, ValidLabels, Progress, CancellationToken);
            ValidationMetrics = History.FinalValidation;
            if (Options.Calibrate && valid is not null)
            {
                Calibrate(trainer, valid, encode);
            }

            return new ClassifierRunner<TInput>(module, Device, attribution);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    // After multi-label training: a Platt scaling per label where it lowers that label's validation log loss, then per-label
    // thresholds that maximize each label's F1 on the calibrated validation probabilities (0.5 without validation data).
    private void FitMultiLabelHead<TInput>(ClassifierTrainer<TInput> trainer, TInput[]? valid)
    {
        var names = Labels.Names;
        var half = Enumerable.Repeat(0.5f, names.Count).ToArray();
        if (valid is null)
        {
            MultiLabel = new MultiLabelSection { Thresholds = half };
            CalibrationSkipped = Options.Calibrate ? "there was no validation split to calibrate or tune thresholds on" : null;
            return;
        }

        var truth = ValidTargets!;
        var logits = trainer.PredictLogits(valid);
        var head = new MultiLabelSection { Thresholds = half };
        if (Options.Calibrate)
        {
            head = Calibrated(head, logits, truth);
        }

        var probabilities = MultiLabelHead.Rows(head.Probabilities(logits), names.Count);
        var thresholds = Options.TuneThresholds ? MultiLabelThresholds.Tune(truth, probabilities) : half;
        MultiLabelValidation = MultiLabelEvaluation.Compute(names, truth, probabilities, thresholds);
        MultiLabelValidationAtHalf = MultiLabelEvaluation.Compute(names, truth, probabilities, half);
        MultiLabel = head with { Thresholds = thresholds, Validation = MultiLabelValidation.ToJson() };
        Log.MultiLabelHeadFitted(Logger, MultiLabelValidationAtHalf.MicroF1, MultiLabelValidation.MicroF1, CalibratedLabels?.Count ?? 0, names.Count);
    }

    private MultiLabelSection Calibrated(MultiLabelSection head, float[] logits, bool[][] truth)
    {
        var classes = Labels.Count;
        if (truth.Length < TemperatureScaling.MinExamples)
        {
            CalibrationSkipped = $"only {truth.Length} validation examples; calibration needs at least {TemperatureScaling.MinExamples}";
            Log.CalibrationSkipped(Logger, CalibrationSkipped);
            return head;
        }

        var scales = Enumerable.Repeat(1f, classes).ToArray();
        var biases = new float[classes];
        var kept = new List<string>();
        for (var c = 0; c < classes; c++)
        {
            var z = Enumerable.Range(0, truth.Length).Select(i => logits[(i * classes) + c]).ToArray();
            var y = truth.Select(row => row[c]).ToArray();
            if (Array.TrueForAll(y, v => v) || Array.TrueForAll(y, v => !v))
            {
                // One class only: a fitted scaling would only learn the base rate of this split.
                continue;
            }

            var (scale, bias) = SigmoidCalibration.Fit(z, y);
            if (float.IsFinite(scale) && float.IsFinite(bias) && scale > 0
                && LabelLogLoss(z, y, scale, bias) < LabelLogLoss(z, y, 1, 0) - 1e-9)
            {
                (scales[c], biases[c]) = (scale, bias);
                kept.Add(Labels[c]);
            }
        }

        CalibratedLabels = kept;
        if (kept.Count == 0)
        {
            CalibrationSkipped = "no label's Platt scaling lowered its validation log loss";
            Log.CalibrationSkipped(Logger, CalibrationSkipped);
            return head;
        }

        return head with { CalibrationScales = scales, CalibrationBiases = biases };
    }

    private static double LabelLogLoss(float[] logits, bool[] truth, float scale, float bias)
    {
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var p = Math.Clamp(MultiLabelSection.Sigmoid((scale * logits[i]) + bias), 1e-7, 1 - 1e-7);
            sum -= truth[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / logits.Length;
    }

    // A temperature is kept only where it can be trusted: enough validation examples, and a lower validation log loss.
    private void Calibrate<TInput>(ClassifierTrainer<TInput> trainer, TInput[] valid, Func<IReadOnlyList<string>, TInput[]>? encode)
    {
        if (valid.Length < TemperatureScaling.MinExamples)
        {
            CalibrationSkipped = $"only {valid.Length} validation examples; calibration needs at least {TemperatureScaling.MinExamples}";
        }
        else
        {
            var (inputs, labels) = (valid, ValidLabels!);
            if (Options.CalibrateOnShortTexts && encode is not null && ValidTexts is { } texts)
            {
                (inputs, labels) = WithFirstSentences(valid, ValidLabels!, texts, encode);
            }

            var fitted = trainer.Calibrate(inputs, labels);
            if (fitted.NllAfter < fitted.NllBefore - 1e-9)
            {
                Calibration = fitted;
                ValidationMetrics = trainer.Evaluate(valid, ValidLabels!, fitted.Temperature);
                Log.Calibrated(Logger, fitted.Temperature, fitted.EceBefore, fitted.EceAfter);
                return;
            }

            CalibrationSkipped = FormattableString.Invariant($"the fitted temperature {fitted.Temperature:F3} did not lower the validation log loss ({fitted.NllBefore:F4})");
        }

        Log.CalibrationSkipped(Logger, CalibrationSkipped);
    }

    // The validation examples and, for every text whose first sentence is shorter than it, that sentence with the
    // text's label: one temperature that holds for one-sentence texts as well as for texts as long as the training data.
    private (TInput[] Inputs, int[] Labels) WithFirstSentences<TInput>(
        TInput[] valid, int[] validLabels, string[] texts, Func<IReadOnlyList<string>, TInput[]> encode)
    {
        var shortTexts = new List<string>();
        var shortLabels = new List<int>();
        for (var i = 0; i < texts.Length; i++)
        {
            var sentence = FirstSentence.Of(texts[i]);
            if (sentence.Length > 0 && sentence.Length < texts[i].Trim().Length)
            {
                shortTexts.Add(sentence);
                shortLabels.Add(validLabels[i]);
            }
        }

        CancellationToken.ThrowIfCancellationRequested();
        Log.CalibratingOnShortTexts(Logger, shortTexts.Count, valid.Length);
        return ([.. valid, .. encode(shortTexts)], [.. validLabels, .. shortLabels]);
    }
}
