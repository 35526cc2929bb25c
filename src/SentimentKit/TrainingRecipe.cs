namespace SentimentKit;

/// <summary>A named recipe — a model kind with settings — as the command line's <c>--model</c> offers them.</summary>
/// <param name="Name">The recipe's name: <c>bilstm</c>, <c>gru</c>, <c>baseline</c>, <c>nbsvm</c>.</param>
/// <param name="Description">What the recipe trains, in a few words.</param>
/// <param name="Kind">The kind of model the recipe trains.</param>
public sealed record TrainingRecipe(string Name, string Description, ModelKind Kind)
{
    /// <summary>
    /// Gets how costly the recipe is to train, relative to the others (the TF-IDF n-gram model is 1); automatic
    /// training (<see cref="SentimentAutoTrainer"/>) tries the cheapest first.
    /// </summary>
    public int RelativeCost { get; init; } = 100;

    internal Func<SentimentTrainerOptions> Create { get; init; } = () => SentimentTrainerOptions.Recommended(Kind);
}
