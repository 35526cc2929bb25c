namespace SentimentKit;

/// <summary>
/// One candidate of automatic training (<see cref="SentimentAutoTrainer"/>), as the leaderboard lists it and the chosen
/// model's file keeps it: what it was, how it did on the validation split, and how long it took.
/// </summary>
public sealed record LeaderboardEntry
{
    /// <summary>Gets the recipe's name (<c>nbsvm</c>, <c>bilstm</c>, …).</summary>
    public required string Recipe { get; init; }

    /// <summary>Gets the kind of model.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>Gets the recipe's main settings, in words (derived from the data unless fixed recipes were asked for).</summary>
    public required string Settings { get; init; }

    /// <summary>Gets what became of the candidate.</summary>
    public required CandidateStatus Status { get; init; }

    /// <summary>
    /// Gets the validation accuracy of the trained candidate, or <see langword="null"/> when none was trained. The
    /// ensemble's (<see cref="ModelKind.Ensemble"/>) is measured on the half of the validation split its weights were
    /// not fitted on, the only half it is judged on; its <see cref="Settings"/> name the best single candidate's
    /// accuracy on that half.
    /// </summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>Gets the validation macro-averaged F1, or <see langword="null"/>.</summary>
    public double? ValidationMacroF1 { get; init; }

    /// <summary>Gets the validation log loss (calibrated), or <see langword="null"/>.</summary>
    public double? ValidationLogLoss { get; init; }

    /// <summary>Gets the epochs trained (those done, when cut by the budget).</summary>
    public int Epochs { get; init; }

    /// <summary>Gets the seconds the candidate took, preparation and validation included.</summary>
    public double Seconds { get; init; }

    /// <summary>Gets a value indicating whether this candidate is the chosen model.</summary>
    public bool Chosen { get; init; }
}
