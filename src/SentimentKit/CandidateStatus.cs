namespace SentimentKit;

/// <summary>What became of one candidate of automatic training (<see cref="SentimentAutoTrainer"/>).</summary>
public enum CandidateStatus
{
    /// <summary>Trained to the end of its recipe, or stopped early by its validation.</summary>
    Trained,

    /// <summary>Trained, but fewer epochs than its recipe planned: the next would not have fitted in the time budget.</summary>
    CutByBudget,

    /// <summary>Started, but the time budget ran out before its first epoch ended; nothing of it was kept.</summary>
    OutOfBudget,

    /// <summary>Not started: the time budget was spent.</summary>
    Skipped,
}
