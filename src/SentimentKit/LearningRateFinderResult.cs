namespace SentimentKit;

/// <summary>
/// What the learning-rate range test found: the loss curve and the rates read from it. <see cref="Suggested"/> is
/// the classic choice — a tenth of the rate of the lowest smoothed loss, where the loss still falls fast and is far
/// from diverging; <see cref="Steepest"/> is where it falls fastest. When the loss never fell clearly below where it
/// started (<see cref="FoundDescent"/> is <see langword="false"/>), the model learned nothing within the test's steps
/// and the curve suggests no rate: a recurrent network trained from scratch on short texts typically needs a few hundred
/// steps to move, so run the test with more <see cref="LearningRateFinderOptions.Steps"/> over a narrower range, or keep
/// the recipe's rate.
/// </summary>
public sealed record LearningRateFinderResult
{
    /// <summary>Gets every step of the test, in order.</summary>
    public required IReadOnlyList<LearningRatePoint> Curve { get; init; }

    /// <summary>Gets the rate of the lowest smoothed loss.</summary>
    public required double Minimum { get; init; }

    /// <summary>Gets the rate where the smoothed loss falls fastest against the logarithm of the rate (before the minimum).</summary>
    public required double Steepest { get; init; }

    /// <summary>Gets the suggested peak learning rate: <see cref="Minimum"/> / 10; <see langword="null"/> when the test found no descent.</summary>
    public required double? Suggested { get; init; }

    /// <summary>
    /// Gets a value indicating whether the smoothed loss fell clearly — by <see cref="LearningRateFinderOptions.MinimumDescent"/>
    /// or more — below the loss of the test's first steps; only then do <see cref="Minimum"/> and <see cref="Steepest"/> mean anything.
    /// </summary>
    public bool FoundDescent => Suggested is not null;

    /// <summary>Gets a value indicating whether the test stopped because the loss diverged before its last step.</summary>
    public required bool Diverged { get; init; }
}
