namespace SentimentKit;

/// <summary>How the learning rate changes during training.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The learning rate stays as set.</summary>
    Constant = 0,

    /// <summary>Linear warm-up from 0 over the warm-up steps, then linear decay to 0 at the last step.</summary>
    WarmupLinear = 1,

    /// <summary>Linear warm-up from 0 over the warm-up steps, then cosine decay to 0 at the last step.</summary>
    WarmupCosine = 2,

    /// <summary>
    /// One-cycle (Smith, 2018): cosine rise from a 25th of the peak over the warm-up steps, then
    /// cosine fall to a 10,000th of the starting rate at the last step.
    /// </summary>
    OneCycle = 3,

    /// <summary>Multiplies the learning rate by a factor when the validation metric stops improving for a number of validations.</summary>
    ReduceOnPlateau = 4,
}
