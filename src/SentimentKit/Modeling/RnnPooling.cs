namespace SentimentKit.Modeling;

/// <summary>How an <see cref="RnnClassifier"/> turns the recurrent outputs of a sequence into one vector.</summary>
/// <remarks>Every mode reads only the valid steps of a sequence; padding never counts.</remarks>
public enum RnnPooling
{
    /// <summary>
    /// The final hidden state of the last layer, both directions concatenated when bidirectional
    /// (PyTorch's <c>cat(h[-2], h[-1])</c>): the forward state after the last real token and
    /// the backward state after the first.
    /// </summary>
    Last,

    /// <summary>The mean of the outputs over the valid steps.</summary>
    Mean,

    /// <summary>The element-wise maximum of the outputs over the valid steps.</summary>
    Max,

    /// <summary>
    /// Additive attention: a learned score per valid step (<c>v·tanh(W·o + b)</c>), softmax over the
    /// valid steps only, and the weighted sum of the outputs.
    /// </summary>
    Attention,

    /// <summary>The mean and the maximum concatenated (twice the width).</summary>
    MeanMax,
}
