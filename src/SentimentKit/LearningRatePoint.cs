namespace SentimentKit;

/// <summary>One step of the learning-rate range test: the rate, the batch's loss, and the smoothed loss.</summary>
/// <param name="Step">The step, counted from 1.</param>
/// <param name="LearningRate">The learning rate of the step.</param>
/// <param name="Loss">The training loss of the step's batch.</param>
/// <param name="SmoothedLoss">The exponential moving average of the loss, bias-corrected.</param>
public sealed record LearningRatePoint(int Step, double LearningRate, double Loss, double SmoothedLoss);
