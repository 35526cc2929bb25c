namespace SentimentKit;

/// <summary>
/// The settings of one model family — its text side (vocabulary or n-gram features) and its network — as
/// <see cref="SentimentTrainerOptions.Model"/> holds them: <see cref="RnnModelOptions"/> for
/// <see cref="ModelKind.BiLstm"/> and <see cref="ModelKind.Gru"/>, <see cref="NGramModelOptions"/> for
/// <see cref="ModelKind.NGrams"/>, <see cref="TransformerModelOptions"/> for <see cref="ModelKind.Transformer"/>. <see cref="SentimentTrainerOptions.Recommended(ModelKind)"/> gives each kind's
/// recommended settings.
/// </summary>
public abstract class ModelOptions
{
    /// <summary>Initializes the options; only the library's model families derive from this type.</summary>
    private protected ModelOptions()
    {
    }

    /// <summary>Gets the kind of model these options build.</summary>
    public abstract ModelKind Kind { get; }

    /// <summary>
    /// Gets a value indicating whether the options name every file the model needs (a pretrained encoder's), so that
    /// automatic training can offer the recipe without asking for anything.
    /// </summary>
    internal virtual bool HasRequiredFiles => true;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public abstract void Validate();

    /// <summary>Copies the options and everything they hold, so that later changes to this instance reach no trainer.</summary>
    /// <returns>A copy.</returns>
    public abstract ModelOptions Clone();
}
