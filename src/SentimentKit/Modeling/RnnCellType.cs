namespace SentimentKit.Modeling;

/// <summary>The recurrent cell of an <see cref="RnnClassifier"/>.</summary>
public enum RnnCellType
{
    /// <summary>Long short-term memory (four gates).</summary>
    Lstm,

    /// <summary>Gated recurrent unit (three gates): fewer parameters, often as accurate.</summary>
    Gru,

    /// <summary>The plain Elman RNN with tanh; mostly for comparison.</summary>
    Rnn,
}
