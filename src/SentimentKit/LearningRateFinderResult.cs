namespace SentimentKit;

/// <summary>
/// What the learning-rate range test found: the loss curve and the rates read from it. <see cref="Suggested"/> is
/// the classic choice — a tenth of the rate of the lowest smoothed loss, where the loss still falls fast and is far
/// from diverging; <see cref="Steepest"/> is where it falls fastest.
/// </summary>
public sealed record LearningRateFinderResult
{
    /// <summary>Gets every step of the test, in order.</summary>
    public required IReadOnlyList<LearningRatePoint> Curve { get; init; }

    /// <summary>Gets the rate of the lowest smoothed loss.</summary>
    public required double Minimum { get; init; }

    /// <summary>Gets the rate where the smoothed loss falls fastest against the logarithm of the rate (before the minimum).</summary>
    public required double Steepest { get; init; }

    /// <summary>Gets the suggested peak learning rate: <see cref="Minimum"/> / 10.</summary>
    public required double Suggested { get; init; }

    /// <summary>Gets a value indicating whether the test stopped because the loss diverged before its last step.</summary>
    public required bool Diverged { get; init; }
}
