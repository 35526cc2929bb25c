using System.ComponentModel;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Families;
using SentimentKit.Modeling;
using SentimentKit.Text;

namespace SentimentKit;

/// <summary>
/// Everything <see cref="SentimentTrainer"/> can be told, in one object: the model (its family's options), text
/// normalization, the training loop, the device and calibration. The defaults are the library's recommended recipe
/// for a BiLSTM; <see cref="Recommended(ModelKind)"/> gives the recipe of each kind.
/// </summary>
public sealed class SentimentTrainerOptions
{
    /// <summary>Gets or sets the model to build: <see cref="RnnModelOptions"/>, <see cref="NGramModelOptions"/> or <see cref="TransformerModelOptions"/>.</summary>
    /// <value>The default value is the recommended BiLSTM (<see cref="RnnModelOptions.Recommended(ModelKind)"/>).</value>
    public ModelOptions Model { get; set; } = RnnModelOptions.Recommended(ModelKind.BiLstm);

    /// <summary>Gets the kind of model <see cref="Model"/> builds.</summary>
    public ModelKind Kind => Model.Kind;

    /// <summary>Gets or sets how text is normalized before tokenizing (saved with the model).</summary>
    /// <value>The default value is the normalizer's defaults: lower-case, HTML stripped, NFKC.</value>
    public TextNormalizerOptions Normalizer { get; set; } = new();

    /// <summary>Gets or sets the training loop's options.</summary>
    /// <value>The default value is the recommended BiLSTM's (<see cref="RecommendedTrainer"/>).</value>
    public TrainerOptions Trainer { get; set; } = RecommendedTrainer(ModelKind.BiLstm);

    /// <summary>Gets or sets the device to train on.</summary>
    /// <value>The default value is <see cref="DevicePreference.Auto"/>.</value>
    public DevicePreference Device { get; set; } = DevicePreference.Auto;

    /// <summary>Gets or sets the number of CPU threads libtorch uses; <see langword="null"/> leaves libtorch's choice.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? CpuThreads { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the model is calibrated on the validation set after training: temperature
    /// scaling for a single-label model, Platt scaling per label (kept for each label whose validation log loss it
    /// lowers) for a multi-label model.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Calibrate { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether a multi-label model's decision thresholds are tuned on the validation set,
    /// one per label, each maximizing that label's F1 (on the calibrated probabilities); otherwise, or without a
    /// validation set, every label is predicted at probability 0.5 or more. Single-label models ignore it.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool TuneThresholds { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether calibration also fits on the first sentence of every validation text
    /// (where it is shorter than the text). Turn it on when the texts to be scored are much shorter than the training
    /// texts: one temperature cannot suit both lengths, and this one trades calibration on texts as long as the
    /// training data's for calibration on one-sentence texts (on IMDB: expected calibration error on first sentences
    /// 0.204 → 0.103, on whole reviews 0.009 → 0.122; README, "Calibration and text length").
    /// </summary>
    /// <remarks>Single-label models only: a multi-label model is calibrated per label on the validation texts as they are.</remarks>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CalibrateOnShortTexts { get; set; }

    /// <summary>
    /// Gets or sets the learning-rate range test to run before training, or <see langword="null"/> for none. When set,
    /// training first runs the test on the training split (the validation split held out, the weights put back after
    /// it) and trains at its <see cref="LearningRateFinderResult.Suggested"/> rate, which replaces
    /// <see cref="TrainerOptions.LearningRate"/>; where the test finds no clear descent the rate stays as it is. The
    /// result is in <see cref="TrainingReport.LearningRateRangeTest"/>. No recipe sets it: for a network trained from
    /// scratch the test's curve is noisy (README, "How to choose a model").
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public LearningRateFinderOptions? LearningRateFinder { get; set; }

    /// <summary>Gets the named recipes (<c>bilstm</c>, <c>gru</c>, <c>baseline</c>, <c>nbsvm</c>, <c>transformer</c>) as the command line offers them.</summary>
    public static IReadOnlyList<TrainingRecipe> Recipes => ModelFamilies.Recipes;

    /// <summary>Gets the recommended options for a model kind.</summary>
    /// <param name="kind">The kind of model.</param>
    /// <returns>New options; change any of them before training.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is unknown.</exception>
    public static SentimentTrainerOptions Recommended(ModelKind kind)
    {
        var family = ModelFamilies.For(kind);
        return new SentimentTrainerOptions { Model = family.RecommendedModel(kind), Trainer = family.RecommendedTrainer(kind) };
    }

    /// <summary>
    /// Gets the recommended options for a model kind, fitted to the training set's statistics. The fixed recipes were
    /// tuned on IMDB (25,000 reviews of about 230 words); these rules keep them there and scale them to other data.
    /// </summary>
    /// <param name="kind">The kind of model.</param>
    /// <param name="statistics">The statistics of the training set (validation included), from <see cref="DatasetStatistics.Compute"/>.</param>
    /// <returns>New options; change any of them before training.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is unknown.</exception>
    /// <remarks>
    /// <para>Every kind: about 1,400 optimizer steps, as the recipes take on IMDB (4 BiLSTM epochs of 64, 2 n-gram
    /// epochs of 32) — the epochs are 1,400 divided by the steps per epoch, rounded up, within 4–12 for the recurrent
    /// models and 2–4 for the n-gram model (which memorizes small data within a few epochs), so that small data gets
    /// enough updates without an epoch count tuned for each size; early stopping once about 700 optimizer steps brought
    /// no validation gain (2 epochs on IMDB, never fewer than 2 validations), the best validation's weights restored, so
    /// that the extra epochs cannot cost accuracy. The patience counts steps rather than epochs because an epoch of
    /// small data is a handful of steps: with 2 epochs' patience a BiLSTM on 1,000 reviews, still at chance after 30
    /// steps, was stopped after 5 of its 12 epochs and lost 5.5 points to the fixed recipe.</para>
    /// <para>Recurrent models: at most the 95th percentile of the token lengths, rounded up to 8, within 32–400, so
    /// that short texts are not padded and long ones are cut where IMDB's are (400, head and tail); a vocabulary of
    /// words seen at least twice (three times from 20 million training tokens on), at most one word per 100 training
    /// tokens within 10,000–50,000, since a word seen a handful of times cannot learn an embedding; below 5,000
    /// examples a network half as wide (64) with more dropout (0.4, head 0.5), which overfits less. No rule sets
    /// <see cref="LearningRateFinder"/>: on 1,000 IMDB reviews a range test suggested a rate at which the BiLSTM's validation
    /// accuracy rose from 70% to 79%, but the same test on the 900 reviews left after the validation split found no clear
    /// descent (README, "How to choose a model").</para>
    /// <para>N-gram model: below 5,000 examples n-grams seen in a single document are kept (minimum document frequency
    /// 1), since a small corpus has few repeated bi- and trigrams; from 5,000 on they must be in two documents.</para>
    /// </remarks>
    public static SentimentTrainerOptions Recommended(ModelKind kind, DatasetStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var options = Recommended(kind);
        ModelFamilies.For(kind).Adapt(options, statistics);
        return options;
    }

    /// <summary>
    /// Gets the recipe of the strongest linear model: <see cref="ModelKind.NGrams"/> on word uni-, bi- and trigrams
    /// weighted by their Naive Bayes log-count ratios (<see cref="NGramModelOptions.RecommendedNaiveBayes"/>).
    /// </summary>
    /// <returns>New options.</returns>
    public static SentimentTrainerOptions RecommendedNaiveBayes()
    {
        var options = Recommended(ModelKind.NGrams);
        options.Model = NGramModelOptions.RecommendedNaiveBayes();
        return options;
    }

    /// <summary>
    /// Gets the Naive Bayes recipe (<see cref="RecommendedNaiveBayes()"/>) fitted to the training set's statistics by
    /// the rules of <see cref="Recommended(ModelKind, DatasetStatistics)"/>.
    /// </summary>
    /// <param name="statistics">The statistics of the training set.</param>
    /// <returns>New options.</returns>
    public static SentimentTrainerOptions RecommendedNaiveBayes(DatasetStatistics statistics) => Adapted(RecommendedNaiveBayes(), statistics);

    /// <summary>
    /// Gets the options of a named recipe (see <see cref="Recipes"/>) fitted to the training set's statistics by the
    /// rules of <see cref="Recommended(ModelKind, DatasetStatistics)"/>.
    /// </summary>
    /// <param name="name">The recipe's name, for example <c>nbsvm</c>.</param>
    /// <param name="statistics">The statistics of the training set.</param>
    /// <returns>New options.</returns>
    /// <exception cref="ArgumentException">No recipe has that name.</exception>
    public static SentimentTrainerOptions FromRecipe(string name, DatasetStatistics statistics) => Adapted(FromRecipe(name), statistics);

    /// <summary>Gets the options of a named recipe (see <see cref="Recipes"/>).</summary>
    /// <param name="name">The recipe's name, for example <c>nbsvm</c>.</param>
    /// <returns>New options.</returns>
    /// <exception cref="ArgumentException">No recipe has that name.</exception>
    public static SentimentTrainerOptions FromRecipe(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var recipe = Recipes.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"There is no recipe '{name}'; the recipes are {string.Join(", ", Recipes.Select(r => r.Name))}.", nameof(name));
        return recipe.Create();
    }

    private static SentimentTrainerOptions Adapted(SentimentTrainerOptions options, DatasetStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ModelFamilies.For(options.Kind).Adapt(options, statistics);
        return options;
    }

    /// <summary>Gets the recommended training-loop options of a model kind.</summary>
    /// <param name="kind">The kind of model.</param>
    /// <returns>New options.</returns>
    public static TrainerOptions RecommendedTrainer(ModelKind kind) => ModelFamilies.For(kind).RecommendedTrainer(kind);

    /// <summary>Gets the recommended RNN network of a kind.</summary>
    /// <param name="kind"><see cref="ModelKind.BiLstm"/> or <see cref="ModelKind.Gru"/>.</param>
    /// <returns>New options.</returns>
    [Obsolete("Use RnnModelOptions.RecommendedNetwork(kind); the network now sits in RnnModelOptions.Network.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RnnClassifierOptions RecommendedRnn(ModelKind kind) => RnnModelOptions.RecommendedNetwork(kind);

    /// <summary>Checks every option and reports all problems at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more options are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        if (errors.NotNull(Model, nameof(Model)))
        {
            errors.Include(nameof(Model), Model.Validate);
        }

        if (errors.NotNull(Normalizer, nameof(Normalizer)))
        {
            errors.Include(nameof(Normalizer), Normalizer.Validate);
        }

        if (errors.NotNull(Trainer, nameof(Trainer)))
        {
            errors.Include(nameof(Trainer), () => Trainer.Validate());
        }

        if (LearningRateFinder is not null)
        {
            errors.Include(nameof(LearningRateFinder), LearningRateFinder.Validate);
        }

        errors.NotNull(Device, nameof(Device));
        errors.AtLeastWhenSet(nameof(CpuThreads), CpuThreads, 1);
        errors.ThrowIfAny(nameof(SentimentTrainerOptions));
    }

    /// <summary>Copies the options and everything they hold, so that later changes to this instance reach no trainer.</summary>
    /// <returns>A copy.</returns>
    public SentimentTrainerOptions Clone() => new()
    {
        Model = Model?.Clone()!,
        Normalizer = Normalizer?.Clone()!,
        Trainer = Trainer?.Clone()!,
        Device = Device,
        CpuThreads = CpuThreads,
        Calibrate = Calibrate,
        TuneThresholds = TuneThresholds,
        CalibrateOnShortTexts = CalibrateOnShortTexts,
        LearningRateFinder = LearningRateFinder?.Clone(),
    };
}
