using System.Diagnostics;
using Microsoft.Extensions.Logging;
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

    public required int[] TrainLabels { get; init; }

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
            var trainer = new ClassifierTrainer<TInput>(module, Labels.Names, loop, Device, Logger) { TimeLeft = TimeLeft };
            trainer.ParameterGroups = parameterGroups?.Invoke();
            if (RangeTest is { } test)
            {
                RangeTestResult = trainer.FindLearningRate(train, TrainLabels, test.Options, test.Progress, CancellationToken);
                return new ClassifierRunner<TInput>(module, Device, attribution);
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
