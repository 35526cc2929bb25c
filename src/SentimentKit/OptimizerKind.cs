namespace SentimentKit;

/// <summary>The optimizer that updates the weights.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015); weight decay is added to the gradient (L2).</summary>
    Adam = 0,

    /// <summary>AdamW (Loshchilov and Hutter, 2019); weight decay is decoupled from the gradient.</summary>
    AdamW = 1,

    /// <summary>Stochastic gradient descent with momentum.</summary>
    Sgd = 2,
}
