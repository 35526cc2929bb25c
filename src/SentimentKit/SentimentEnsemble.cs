using System.Globalization;
using Microsoft.Extensions.Logging;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Evaluation;
using SentimentKit.Sequences;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>
/// Several models trained on the same labels, serving together: each text's prediction is the weighted
/// average of the models' calibrated probabilities. Models that err differently — a BiLSTM reading word
/// order and a linear model over n-grams (<see cref="RecommendedRecipes"/>) — are more accurate together
/// than either alone, once weighed by how well each does on held-out data (<see cref="FitWeights"/>).
/// Predictions are safe for concurrent use from many threads.
/// </summary>
public sealed class SentimentEnsemble : IDisposable
{
    private readonly SentimentModel[] _models;
    private double[] _weights;
    private readonly bool _ownsModels;
    private bool _disposed;

    /// <summary>Initializes an ensemble of trained models.</summary>
    /// <param name="models">At least one model; all must have the same labels in the same order.</param>
    /// <param name="weights">One non-negative weight per model, not all zero; normalized to sum to 1. <see langword="null"/> weighs them equally.</param>
    /// <param name="ownsModels">Whether disposing the ensemble disposes the models; when <see langword="false"/> (as for <see cref="SentimentPredictor"/>) the models must outlive the ensemble.</param>
    /// <exception cref="ArgumentException">No models, a multi-label model, models with different labels, or bad weights.</exception>
    public SentimentEnsemble(IEnumerable<SentimentModel> models, IEnumerable<double>? weights = null, bool ownsModels = false)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = [.. models];
        if (_models.Length == 0)
        {
            throw new ArgumentException("An ensemble needs at least one model.", nameof(models));
        }

        for (var i = 0; i < _models.Length; i++)
        {
            if (_models[i] is null)
            {
                throw new ArgumentException($"Model {i} is null.", nameof(models));
            }

            if (_models[i].Task == ClassificationTask.MultiLabel)
            {
                throw new ArgumentException($"Model {i} is multi-label; an ensemble averages single-label models only.", nameof(models));
            }

            if (!_models[i].Labels.Names.SequenceEqual(_models[0].Labels.Names, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Model {i} has the labels ({_models[i].Labels}) but model 0 has ({_models[0].Labels}); an ensemble's models must share labels and their order.", nameof(models));
            }
        }

        _weights = NormalizedWeights(weights, _models.Length);
        _ownsModels = ownsModels;
    }

    /// <summary>Gets the models, in the order given.</summary>
    public IReadOnlyList<SentimentModel> Models => Array.AsReadOnly(_models);

    /// <summary>Gets each model's weight; they sum to 1.</summary>
    public IReadOnlyList<double> Weights => Array.AsReadOnly(_weights);

    /// <summary>Gets the labels, in output order.</summary>
    public LabelSet Labels => _models[0].Labels;

    /// <summary>
    /// Gets the recipes of the library's most accurate ensemble: the recommended BiLSTM and a logistic regression on
    /// Naive-Bayes-weighted word uni-, bi- and trigrams (NBSVM's features), each calibrated on its own validation split.
    /// </summary>
    /// <returns>New options, one per model; change any of them before training.</returns>
    public static IReadOnlyList<SentimentTrainerOptions> RecommendedRecipes() =>
        [SentimentTrainerOptions.Recommended(ModelKind.BiLstm), SentimentTrainerOptions.RecommendedNaiveBayes()];

    /// <summary>
    /// Trains one model per recipe, one after another, on the same examples less one stratified validation split
    /// (<paramref name="validationFraction"/>, seeded by the first recipe's seed), which every model is calibrated on and the
    /// weights are then fitted on (<see cref="FitWeights"/>).
    /// </summary>
    /// <param name="train">The training examples.</param>
    /// <param name="recipes">One options object per model; <see langword="null"/> for <see cref="RecommendedRecipes"/>.</param>
    /// <param name="validationFraction">The share of <paramref name="train"/> held out, in (0, 0.5].</param>
    /// <param name="progress">Receives each model's training progress, in turn.</param>
    /// <param name="logger">Where to log; <see langword="null"/> logs nothing.</param>
    /// <param name="cancellationToken">Stops at the next batch boundary; models already trained are disposed.</param>
    /// <returns>The ensemble, owning its models.</returns>
    /// <exception cref="InvalidOptionsException">A recipe is invalid (checked before any training).</exception>
    public static SentimentEnsemble Train(
        IEnumerable<TextExample> train,
        IEnumerable<SentimentTrainerOptions>? recipes = null,
        double validationFraction = 0.1,
        IProgress<TrainingProgress>? progress = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(validationFraction > 0 && validationFraction <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in (0, 0.5].");
        }

        var recipeList = (recipes ?? RecommendedRecipes()).ToArray();
        var trainers = recipeList.Select(r => new SentimentTrainer(r, logger)).ToArray();
        if (trainers.Length == 0)
        {
            throw new ArgumentException("An ensemble needs at least one recipe.", nameof(recipes));
        }

        var list = train as IReadOnlyList<TextExample> ?? [.. train];
        if (TrainingData.IsMultiLabel(list, null))
        {
            throw new InvalidTrainingDataException("The examples have label sets: an ensemble averages single-label models only; train a multi-label model with SentimentTrainer.");
        }

        var split = DatasetSplitter.StratifiedSplit(list, validationFraction, recipeList[0].Trainer.Seed);
        var models = new List<SentimentModel>();
        try
        {
            foreach (var trainer in trainers)
            {
                models.Add(trainer.Train(split.Train, split.Validation, progress, cancellationToken));
            }

            var ensemble = new SentimentEnsemble(models, ownsModels: true);
            ensemble.FitWeights(split.Validation);
            return ensemble;
        }
        catch
        {
            models.ForEach(m => m.Dispose());
            throw;
        }
    }

    /// <summary>Loads model files into an ensemble that owns them; all or none are loaded.</summary>
    /// <param name="paths">The <c>.skm</c> files.</param>
    /// <param name="weights">One weight per model, or <see langword="null"/> for equal weights.</param>
    /// <param name="device">The device; <see langword="null"/> means <see cref="DevicePreference.Auto"/>.</param>
    /// <returns>The ensemble.</returns>
    /// <exception cref="ModelFormatException">A file is not a valid model.</exception>
    public static SentimentEnsemble Load(IEnumerable<string> paths, IEnumerable<double>? weights = null, DevicePreference? device = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var models = new List<SentimentModel>();
        try
        {
            foreach (var path in paths)
            {
                models.Add(SentimentModel.Load(path, device));
            }

            return new SentimentEnsemble(models, weights, ownsModels: true);
        }
        catch
        {
            models.ForEach(m => m.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Sets the weights that minimize the log loss of the averaged probabilities on held-out examples, by greedy
    /// ensemble selection with replacement (Caruana et al. 2004): starting from the best single model, each of 100
    /// rounds adds the model whose extra share lowers the loss most; a model's weight is its share of the rounds.
    /// A weak model gets a small weight, or none, rather than dragging the average down.
    /// </summary>
    /// <param name="validation">Labeled examples none of the models was trained on.</param>
    /// <returns>The new weights, in model order.</returns>
    /// <exception cref="ArgumentException">No examples.</exception>
    /// <exception cref="InvalidTrainingDataException">A label is not one of the ensemble's.</exception>
    /// <remarks>Not to be called while other threads predict with this ensemble.</remarks>
    public IReadOnlyList<double> FitWeights(IEnumerable<TextExample> validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var list = validation as IReadOnlyList<TextExample> ?? [.. validation];
        if (list.Count == 0)
        {
            throw new ArgumentException("Fitting weights needs at least one validation example.", nameof(validation));
        }

        var labels = MetricsAccumulator.LabelIndices(Labels, list, "validation example", "ensemble's");
        var texts = list.Select(e => e.Text).ToArray();
        var classes = Labels.Count;

        // Each model's probability of the true label, per example: all the log loss of any weighted average needs.
        var truth = _models.Select(m =>
        {
            var p = m.Probabilities(texts);
            return labels.Select((label, i) => (double)p[(i * classes) + label]).ToArray();
        }).ToArray();
        _weights = EnsembleWeights.Fit(truth);
        return Weights;
    }

    /// <summary>Predicts the label of one text.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The label, its averaged probability and every label's averaged probability.</returns>
    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PredictBatch([text])[0];
    }

    /// <summary>Predicts many texts; results come back in input order.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>One prediction per text.</returns>
    /// <exception cref="ArgumentNullException">A text is <see langword="null"/>.</exception>
    public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default) =>
        SentimentPrediction.ForTexts(texts, Labels.Names, list => Probabilities(list, cancellationToken));

    /// <summary>Computes the ensemble's metrics on labeled examples.</summary>
    /// <param name="examples">The examples; every label must be one of <see cref="Labels"/>.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The metrics of the averaged probabilities.</returns>
    /// <exception cref="InvalidTrainingDataException">An example's label is not one of the ensemble's.</exception>
    public ClassificationMetrics Evaluate(IEnumerable<TextExample> examples, CancellationToken cancellationToken = default) =>
        MetricsAccumulator.ForExamples(Labels, examples, list => Probabilities(list, cancellationToken), "ensemble's").Compute();

    /// <summary>Frees the models when the ensemble owns them. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsModels)
        {
            foreach (var model in _models)
            {
                model.Dispose();
            }
        }
    }

    /// <summary>The weighted average of the models' calibrated probabilities, row-major <c>[count, classes]</c>.</summary>
    internal float[] Probabilities(IReadOnlyList<string> texts, CancellationToken cancellationToken, int batchSize = 256)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var weights = _weights;
        var average = new float[texts.Count * Labels.Count];
        for (var m = 0; m < _models.Length; m++)
        {
            if (weights[m] == 0)
            {
                continue;
            }

            var probabilities = _models[m].Probabilities(texts, batchSize, cancellationToken);
            for (var i = 0; i < average.Length; i++)
            {
                average[i] += (float)(weights[m] * probabilities[i]);
            }
        }

        return average;
    }

    private static double[] NormalizedWeights(IEnumerable<double>? weights, int count)
    {
        if (weights is null)
        {
            return [.. Enumerable.Repeat(1.0 / count, count)];
        }

        var given = weights.ToArray();
        if (given.Length != count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"There are {count} models but {given.Length} weights."), nameof(weights));
        }

        var bad = Array.FindIndex(given, w => !(w >= 0) || double.IsInfinity(w));
        if (bad >= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Weight {bad} is {given[bad]}; weights must be non-negative and finite."), nameof(weights));
        }

        // Weights that already sum to 1 (as a model file stores them) are kept bit for bit, so that a loaded ensemble predicts exactly as the saved one.
        var sum = given.Sum();
        return sum > 0
            ? Math.Abs(sum - 1) < 1e-12 ? given : [.. given.Select(w => w / sum)]
            : throw new ArgumentException("The weights are all zero.", nameof(weights));
    }
}
