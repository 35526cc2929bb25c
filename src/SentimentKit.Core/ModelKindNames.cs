namespace SentimentKit;

/// <summary>How a <see cref="ModelKind"/> is named in a model file and on the command line.</summary>
internal static class ModelKindNames
{
    /// <summary>The name a model file stores for a kind.</summary>
    public static string Name(ModelKind kind) => kind switch
    {
        ModelKind.BiLstm => "bi_lstm",
        ModelKind.Gru => "gru",
        ModelKind.NGrams => "n_grams",
        ModelKind.Transformer => "transformer",
        ModelKind.Ensemble => "ensemble",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind."),
    };

    /// <summary>Reads a kind's name from a model file, the names of format version 1 included.</summary>
    public static bool TryParse(string? name, out ModelKind kind)
    {
        (var known, kind) = name switch
        {
            "bi_lstm" => (true, ModelKind.BiLstm),
            "gru" => (true, ModelKind.Gru),
            "n_grams" or "baseline" => (true, ModelKind.NGrams),
            "transformer" => (true, ModelKind.Transformer),
            "ensemble" => (true, ModelKind.Ensemble),
            _ => (false, default),
        };
        return known;
    }
}
