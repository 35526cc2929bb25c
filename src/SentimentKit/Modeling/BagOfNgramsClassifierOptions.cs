using System.ComponentModel;

namespace SentimentKit.Modeling;

/// <summary>Settings of a <see cref="BagOfNgramsClassifier"/>.</summary>
public sealed class BagOfNgramsClassifierOptions
{
    /// <summary>The number of feature (n-gram) ids; every id is below it. Required.</summary>
    /// <value>The default value is 0, which is invalid: set it to the size of the n-gram vocabulary.</value>
    public int FeatureCount { get; set; }

    /// <summary>The number of classes; at least 2.</summary>
    /// <value>The default value is 2.</value>
    public int ClassCount { get; set; } = 2;

    /// <summary>The former name of <see cref="ClassCount"/>.</summary>
    [Obsolete("Use ClassCount.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int NumClasses
    {
        get => ClassCount;
        set => ClassCount = value;
    }

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.AtLeast(nameof(FeatureCount), FeatureCount, 1);
        errors.AtLeast(nameof(ClassCount), ClassCount, 2);
        errors.ThrowIfAny(nameof(BagOfNgramsClassifierOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public BagOfNgramsClassifierOptions Clone() => (BagOfNgramsClassifierOptions)MemberwiseClone();
}
