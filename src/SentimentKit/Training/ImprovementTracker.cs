namespace SentimentKit.Training;

/// <summary>
/// The best value of a validation figure so far, in one direction, and how many values since it last improved:
/// the one rule that early stopping, best-weight restore and the plateau schedule all follow.
/// </summary>
internal sealed class ImprovementTracker(bool higherIsBetter)
{
    /// <summary>Gets a value indicating whether larger values are better (accuracy, F1) or smaller ones (loss).</summary>
    public bool HigherIsBetter { get; } = higherIsBetter;

    /// <summary>Gets the best value seen, or <see langword="null"/> before the first.</summary>
    public double? Best { get; private set; }

    /// <summary>Gets the number of values seen since the last improvement.</summary>
    public int SinceImprovement { get; private set; }

    /// <summary>Records a value; returns <see langword="true"/> when it is strictly better than every earlier one (the first always is).</summary>
    public bool Observe(double value)
    {
        if (Best is not { } best || (HigherIsBetter ? value > best : value < best))
        {
            Best = value;
            SinceImprovement = 0;
            return true;
        }

        SinceImprovement++;
        return false;
    }

    /// <summary>Starts counting values without improvement afresh, keeping the best value (after the plateau schedule acted).</summary>
    public void ResetCount() => SinceImprovement = 0;

    /// <summary>Restores the state of a resumed run.</summary>
    public void Restore(double? best, int sinceImprovement)
    {
        Best = best;
        SinceImprovement = sinceImprovement;
    }
}
