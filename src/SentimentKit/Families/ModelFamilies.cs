using SentimentKit.Families.Ensemble;
using SentimentKit.Families.NGrams;
using SentimentKit.Families.Rnn;
using SentimentKit.Families.Transformer;

namespace SentimentKit.Families;

/// <summary>The registry of model families: a new kind is a new family folder and one line here.</summary>
internal static class ModelFamilies
{
    private static readonly ModelFamily[] All =
    [
        new RnnFamily(),
        new NGramFamily(),
        new TransformerFamily(),
        new EnsembleFamily(),
    ];

    /// <summary>Gets every named recipe, in the order the families list them.</summary>
    public static IReadOnlyList<TrainingRecipe> Recipes { get; } = [.. All.SelectMany(f => f.Recipes)];

    /// <summary>The family that builds a kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No family builds the kind.</exception>
    public static ModelFamily For(ModelKind kind) =>
        All.FirstOrDefault(f => f.Kinds.Contains(kind))
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, $"No model family builds {kind}.");
}
