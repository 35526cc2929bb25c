using SentimentKit.Sequences;

namespace SentimentKit.Modeling;

/// <summary>Settings of a <see cref="BagOfNgramsClassifier"/>.</summary>
public sealed class BagOfNgramsClassifierOptions
{
    /// <summary>The number of feature (n-gram) ids; every id is below it. Required.</summary>
    /// <value>The default value is 0, which is invalid: set it to the size of the n-gram vocabulary.</value>
    public int FeatureCount { get; set; }

    /// <summary>The number of classes; at least 2.</summary>
    /// <value>The default value is 2.</value>
    public int NumClasses { get; set; } = 2;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (FeatureCount < 1)
        {
            errors.Add($"FeatureCount must be at least 1 (was {FeatureCount}).");
        }

        if (NumClasses < 2)
        {
            errors.Add($"NumClasses must be at least 2 (was {NumClasses}).");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(BagOfNgramsClassifierOptions), errors);
        }
    }

    internal BagOfNgramsClassifierOptions Clone() => (BagOfNgramsClassifierOptions)MemberwiseClone();
}
