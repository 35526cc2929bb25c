using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>
/// Trains a <see cref="SentimentModel"/> from labeled texts: builds the label set, the vocabulary
/// or n-gram features (from the training data only) and the model, trains it with validation,
/// calibrates it, and returns it with a <see cref="TrainingReport"/>.
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
    /// <param name="options">The options; <see langword="null"/> uses the recommended BiLSTM recipe. Validated here, every error at once.</param>
    /// <param name="logger">Where to log; <see langword="null"/> logs nothing.</param>
    /// <exception cref="InvalidOptionsException">An option is invalid.</exception>
    public SentimentTrainer(SentimentTrainerOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? SentimentTrainerOptions.Recommended(ModelKind.BiLstm);
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Trains on labeled (text, label) pairs with the default options' validation split.</summary>
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
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var options = _options;
        var trainList = train as IReadOnlyList<TextExample> ?? [.. train];
        var validationList = validation is null ? null : validation as IReadOnlyList<TextExample> ?? [.. validation];
        var labels = CheckData(trainList, validationList);

        if (validationList is null && options.Trainer.ValidationFraction > 0)
        {
            var split = DatasetSplitter.StratifiedSplit(trainList, options.Trainer.ValidationFraction, options.Trainer.Seed);
            (trainList, validationList) = (split.Train, split.Validation.Count > 0 ? split.Validation : null);
        }

        var device = TorchBackend.Resolve(options.Device, _logger);
        if (options.CpuThreads is { } threads)
        {
            TorchBackend.SetCpuThreads(threads);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var trainer = options.Trainer.Clone();
        trainer.ValidationFraction = 0;
        var trainTexts = trainList.Select(e => e.Text).ToArray();
        var trainLabels = trainList.Select(e => labels.GetIndex(e.Label)).ToArray();
        var validTexts = validationList?.Select(e => e.Text).ToArray();
        var validLabels = validationList?.Select(e => labels.GetIndex(e.Label)).ToArray();
        var normalizer = new TextNormalizer(options.Normalizer);

        var clock = Stopwatch.StartNew();
        return options.Model == ModelKind.Baseline
            ? TrainBaseline(options, trainer, labels, device, normalizer, trainTexts, trainLabels, validTexts, validLabels, clock, progress, cancellationToken)
            : TrainRnn(options, trainer, labels, device, normalizer, trainTexts, trainLabels, validTexts, validLabels, clock, progress, cancellationToken);
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

    private SentimentModel TrainRnn(
        SentimentTrainerOptions options, TrainerOptions trainerOptions, LabelSet labels, ComputeDevice device, TextNormalizer normalizer,
        string[] trainTexts, int[] trainLabels, string[]? validTexts, int[]? validLabels, Stopwatch clock,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var encoder = TextEncoder.Fit(trainTexts, options.Vocabulary, normalizer, WordTokenizer.Instance);
        var rnnOptions = (options.Rnn ?? SentimentTrainerOptions.RecommendedRnn(options.Model)).Clone();
        rnnOptions.CellType = options.Model == ModelKind.Gru ? RnnCellType.Gru : RnnCellType.Lstm;
        rnnOptions.VocabularySize = encoder.Vocabulary.Count;
        rnnOptions.NumClasses = labels.Count;
        rnnOptions.PadId = Vocabulary.PadId;
        rnnOptions.UnkId = Vocabulary.UnkId;
        if (options.PretrainedVectorsPath is { } vectorsPath)
        {
            var vectors = WordVectors.LoadAligned(vectorsPath, encoder.Vocabulary, new WordVectorOptions { Seed = trainerOptions.Seed });
            rnnOptions.PretrainedEmbeddings = vectors.Matrix;
            rnnOptions.EmbeddingSize = vectors.Dimension;
            Log.PretrainedVectorsLoaded(_logger, vectorsPath, vectors.Coverage);
        }

        var trainIds = new int[trainTexts.Length][];
        Parallel.For(0, trainTexts.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => trainIds[i] = encoder.Encode(trainTexts[i]));
        int[][]? validIds = null;
        if (validTexts is not null)
        {
            validIds = new int[validTexts.Length][];
            Parallel.For(0, validTexts.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => validIds[i] = encoder.Encode(validTexts[i]));
        }

        var oovRate = OutOfVocabularyRate(trainIds);
        var preparation = clock.Elapsed.TotalSeconds;
        Log.DataPrepared(_logger, trainTexts.Length, validTexts?.Length ?? 0, encoder.Vocabulary.Count, oovRate, preparation);

        Torch.Seed(trainerOptions.Seed);
        var module = new RnnClassifier(rnnOptions);
        var storedOptions = rnnOptions.Clone();
        storedOptions.PretrainedEmbeddings = null;
        var pipeline = new RnnPipeline(options.Model, encoder, module, storedOptions, device);
        return Fit(options, pipeline, module, trainerOptions, labels, device, trainIds, trainLabels, validIds, validLabels, preparation, clock, oovRate, RnnManifestOptions.From(storedOptions), null, progress, cancellationToken);
    }

    private SentimentModel TrainBaseline(
        SentimentTrainerOptions options, TrainerOptions trainerOptions, LabelSet labels, ComputeDevice device, TextNormalizer normalizer,
        string[] trainTexts, int[] trainLabels, string[]? validTexts, int[]? validLabels, Stopwatch clock,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var featurizer = NGramFeaturizer.Fit(trainTexts, trainLabels, labels.Count, options.NGrams, normalizer, WordTokenizer.Instance);
        cancellationToken.ThrowIfCancellationRequested();
        var trainDocuments = featurizer.Transform(trainTexts);
        var validDocuments = validTexts is null ? null : featurizer.Transform(validTexts);
        var preparation = clock.Elapsed.TotalSeconds;
        Log.DataPrepared(_logger, trainTexts.Length, validTexts?.Length ?? 0, featurizer.FeatureCount, 0, preparation);

        Torch.Seed(trainerOptions.Seed);
        var module = new BagOfNgramsClassifier(featurizer.FeatureCount, labels.Count);
        var pipeline = new BaselinePipeline(featurizer, module, device);
        return Fit(options, pipeline, module, trainerOptions, labels, device, trainDocuments, trainLabels, validDocuments, validLabels, preparation, clock, 0, null, featurizer.FeatureCount, progress, cancellationToken);
    }

    private SentimentModel Fit<TInput>(
        SentimentTrainerOptions options, TextPipeline pipeline, ITextClassifierModule<TInput> module, TrainerOptions trainerOptions, LabelSet labels, ComputeDevice device,
        TInput[] trainInputs, int[] trainLabels, TInput[]? validInputs, int[]? validLabels, double preparation, Stopwatch clock, double oovRate,
        RnnManifestOptions? rnn, int? featureCount, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            var trainer = new ClassifierTrainer<TInput>(module, labels.Names, trainerOptions, device, _logger);
            var history = trainer.Fit(trainInputs, trainLabels, validInputs, validLabels, progress, cancellationToken);
            TemperatureScaling? calibration = null;
            var validation = history.FinalValidation;
            if (options.Calibrate && validInputs is not null)
            {
                calibration = trainer.Calibrate(validInputs, validLabels!);
                validation = trainer.Evaluate(validInputs, validLabels!, calibration.Temperature);
                Log.Calibrated(_logger, calibration.Temperature, calibration.EceBefore, calibration.EceAfter);
            }

            module.TorchModule.eval();
            var report = new TrainingReport
            {
                Model = options.Model,
                Device = device.Describe(),
                TrainCount = trainInputs.Length,
                ValidationCount = validInputs?.Length ?? 0,
                FeatureCount = pipeline.FeatureCount,
                OutOfVocabularyRate = oovRate,
                PreparationSeconds = preparation,
                TrainingSeconds = clock.Elapsed.TotalSeconds - preparation,
                History = history,
                Calibration = calibration,
            };
            var manifest = new ModelManifest
            {
                FormatVersion = ModelArtifact.FormatVersion,
                LibraryVersion = typeof(SentimentTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
                TorchSharpVersion = TorchBackend.TorchSharpVersion,
                CreatedUtc = DateTimeOffset.UtcNow,
                ModelKind = options.Model,
                Rnn = rnn,
                FeatureCount = featureCount,
                Normalizer = options.Normalizer.Clone(),
                Tokenizer = "word",
                Labels = labels.Names,
                Seed = trainerOptions.Seed,
                ValidationMetrics = validation,
                Sha256 = new Dictionary<string, string>(),
            };
            return new SentimentModel(pipeline, manifest, calibration, report);
        }
        catch
        {
            pipeline.Dispose();
            throw;
        }
    }

    private static LabelSet CheckData(IReadOnlyList<TextExample> train, IReadOnlyList<TextExample>? validation)
    {
        if (train.Count == 0)
        {
            throw new InvalidTrainingDataException("The training set is empty.");
        }

        for (var i = 0; i < train.Count; i++)
        {
            if (train[i] is null)
            {
                throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"Training example {i} is null."));
            }
        }

        var labels = LabelSet.FromLabels(train.Select(e => e.Label));
        if (labels.Count < 2)
        {
            throw new InvalidTrainingDataException($"The training set has only one label ('{labels[0]}'); a classifier needs examples of at least two.");
        }

        if (validation is not null)
        {
            if (validation.Count == 0)
            {
                throw new InvalidTrainingDataException("The validation set is empty; pass null to hold out part of the training data instead.");
            }

            for (var i = 0; i < validation.Count; i++)
            {
                if (validation[i] is null || !labels.Contains(validation[i].Label))
                {
                    throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"Validation example {i} has label '{validation[i]?.Label}', which no training example has ({labels})."));
                }
            }
        }

        return labels;
    }

    private static double OutOfVocabularyRate(int[][] ids)
    {
        long unknown = 0, total = 0;
        foreach (var sequence in ids)
        {
            total += sequence.Length;
            foreach (var id in sequence)
            {
                unknown += id == Vocabulary.UnkId ? 1 : 0;
            }
        }

        return total == 0 ? 0 : (double)unknown / total;
    }
}
