using System.ComponentModel;
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

    /// <summary>Gets or sets a value indicating whether temperature scaling is fitted on the validation set after training.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Calibrate { get; set; } = true;

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
    };
}
