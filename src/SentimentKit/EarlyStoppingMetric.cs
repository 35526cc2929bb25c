namespace SentimentKit;

/// <summary>The validation figure that decides which epoch is best and when to stop early.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>Validation accuracy (higher is better).</summary>
    Accuracy = 0,

    /// <summary>Validation macro-averaged F1 (higher is better).</summary>
    MacroF1 = 1,

    /// <summary>Validation log loss (lower is better).</summary>
    Loss = 2,
}
