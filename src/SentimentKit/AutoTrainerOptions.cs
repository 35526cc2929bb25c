using System.Globalization;
using SentimentKit.Devices;

namespace SentimentKit;

/// <summary>
/// What automatic training (<see cref="SentimentAutoTrainer"/>) can be told: the time budget, which recipes compete,
/// the validation split every candidate is judged on, and where it runs. <see cref="Validate"/> reports every error at once.
/// </summary>
public sealed class AutoTrainerOptions
{
    /// <summary>
    /// Gets or sets the time for the whole run: candidates start only while time is left, a recurrent model stops after
    /// the last epoch that fits, and a candidate still in its first epoch when the time is up is dropped.
    /// </summary>
    /// <value>The default value is 5 minutes: the n-gram models and a few epochs of a recurrent one on a 2-core CPU for a few thousand reviews.</value>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the names of the recipes that compete (<see cref="SentimentTrainerOptions.Recipes"/>); they are
    /// trained cheapest first whatever their order here. <see langword="null"/> means every recipe that needs no files
    /// beyond the data (not the transformer, which needs its encoder's).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (every recipe).</value>
    public IReadOnlyList<string>? Recipes { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether each recipe is fitted to the training set's statistics
    /// (<see cref="SentimentTrainerOptions.Recommended(ModelKind, Data.DatasetStatistics)"/>) rather than used as fixed.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DeriveRecipes { get; set; } = true;

    /// <summary>
    /// Gets or sets how many finished candidates, each the best of a different kind, the ensemble candidate may combine:
    /// after the single candidates, automatic training fits their weights and a temperature on one half of the validation
    /// split and keeps the ensemble only if it is more accurate than the best single candidate on the other half; when
    /// two kinds compete, the single candidates leave the last tenth of <see cref="TimeBudget"/> to it. 0 or 1 tries no
    /// ensemble.
    /// </summary>
    /// <value>The default value is 3.</value>
    public int EnsembleMembers { get; set; } = 3;

    /// <summary>Gets or sets the stratified share of the training data held out to judge every candidate, when no validation set is given.</summary>
    /// <value>The default value is 0.1.</value>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Gets or sets the seed of the validation split and of every candidate.</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the device to train on.</summary>
    /// <value>The default value is <see cref="DevicePreference.Auto"/>.</value>
    public DevicePreference Device { get; set; } = DevicePreference.Auto;

    /// <summary>Gets or sets the number of CPU threads libtorch uses; <see langword="null"/> leaves libtorch's choice.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? CpuThreads { get; set; }

    private const int MaxEnsembleMembers = Artifacts.EnsembleManifestSection.MaxMembers;

    /// <summary>Gets or sets the candidates themselves, replacing <see cref="Recipes"/> (tests).</summary>
    internal IReadOnlyList<(string Name, SentimentTrainerOptions Options)>? Candidates { get; set; }

    /// <summary>Checks every option and reports all problems at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more options are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(TimeBudget > TimeSpan.Zero, string.Create(CultureInfo.InvariantCulture, $"TimeBudget must be positive (got {TimeBudget})."));
        errors.Check(ValidationFraction is > 0 and <= 0.5, string.Create(CultureInfo.InvariantCulture, $"ValidationFraction must be in (0, 0.5]: every candidate is judged on it (got {ValidationFraction})."));
        errors.Check(EnsembleMembers is >= 0 and <= MaxEnsembleMembers, string.Create(CultureInfo.InvariantCulture, $"EnsembleMembers must be in [0, {MaxEnsembleMembers}] (got {EnsembleMembers})."));
        errors.NotNull(Device, nameof(Device));
        errors.AtLeastWhenSet(nameof(CpuThreads), CpuThreads, 1);
        if (Recipes is not null)
        {
            errors.Check(Recipes.Count > 0, "Recipes must name at least one recipe when set.");
            foreach (var name in Recipes.Where(n => !SentimentTrainerOptions.Recipes.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))))
            {
                errors.Add($"Recipes: there is no recipe '{name}'; the recipes are {string.Join(", ", SentimentTrainerOptions.Recipes.Select(r => r.Name))}.");
            }
        }

        errors.ThrowIfAny(nameof(AutoTrainerOptions));
    }

    /// <summary>Copies the options, so that later changes to this instance reach no trainer.</summary>
    /// <returns>A copy.</returns>
    public AutoTrainerOptions Clone() => new()
    {
        TimeBudget = TimeBudget,
        Recipes = Recipes?.ToArray(),
        DeriveRecipes = DeriveRecipes,
        EnsembleMembers = EnsembleMembers,
        ValidationFraction = ValidationFraction,
        Seed = Seed,
        Device = Device,
        CpuThreads = CpuThreads,
        Candidates = Candidates?.Select(c => (c.Name, c.Options.Clone())).ToArray(),
    };
}
