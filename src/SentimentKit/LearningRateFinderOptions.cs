using System.Globalization;

namespace SentimentKit;

/// <summary>
/// The learning-rate range test (<see cref="SentimentTrainer.FindLearningRate"/>): the rate grows exponentially from
/// <see cref="MinLearningRate"/> to <see cref="MaxLearningRate"/> over <see cref="Steps"/> training steps, and the
/// smoothed loss along the way says which rates learn fastest (Smith 2015; fastai's <c>lr_find</c>).
/// </summary>
public sealed class LearningRateFinderOptions
{
    /// <summary>Gets or sets the rate of the first step.</summary>
    /// <value>The default value is 1e-7.</value>
    public double MinLearningRate { get; set; } = 1e-7;

    /// <summary>Gets or sets the rate of the last step.</summary>
    /// <value>The default value is 10.</value>
    public double MaxLearningRate { get; set; } = 10;

    /// <summary>Gets or sets the number of steps (batches); the training data is cycled when it has fewer.</summary>
    /// <value>The default value is 100.</value>
    public int Steps { get; set; } = 100;

    /// <summary>Gets or sets the weight of the past in the exponential moving average of the loss, in [0, 1).</summary>
    /// <value>The default value is 0.98.</value>
    public double Smoothing { get; set; } = 0.98;

    /// <summary>Gets or sets how many times the lowest smoothed loss the loss may reach before the test stops (it diverged).</summary>
    /// <value>The default value is 4.</value>
    public double DivergenceFactor { get; set; } = 4;

    /// <summary>
    /// Gets or sets how far, as a fraction of the loss of the test's first tenth of steps, the lowest smoothed loss must fall
    /// for the test to suggest a rate. A curve that stays within this of where it started is noise around an untrained model.
    /// </summary>
    /// <value>The default value is 0.02 (2%): the smoothed loss of an untrained two-class model wanders about ±0.5% around ln 2.</value>
    public double MinimumDescent { get; set; } = 0.02;

    /// <summary>Checks every option and reports all problems at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more options are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        static string S(double value) => value.ToString(CultureInfo.InvariantCulture);
        errors.Check(double.IsFinite(MinLearningRate) && MinLearningRate > 0, $"MinLearningRate must be a positive number (got {S(MinLearningRate)}).");
        errors.Check(double.IsFinite(MaxLearningRate) && MaxLearningRate > MinLearningRate, $"MaxLearningRate must be a number above MinLearningRate (got {S(MaxLearningRate)}).");
        errors.Check(Steps >= 10, $"Steps must be at least 10 (got {S(Steps)}).");
        errors.Check(Smoothing is >= 0 and < 1, $"Smoothing must be in [0, 1) (got {S(Smoothing)}).");
        errors.Check(double.IsFinite(DivergenceFactor) && DivergenceFactor > 1, $"DivergenceFactor must be a number above 1 (got {S(DivergenceFactor)}).");
        errors.Check(MinimumDescent is >= 0 and < 1, $"MinimumDescent must be in [0, 1) (got {S(MinimumDescent)}).");
        errors.ThrowIfAny(nameof(LearningRateFinderOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public LearningRateFinderOptions Clone() => (LearningRateFinderOptions)MemberwiseClone();
}
