using Microsoft.Extensions.Logging;

namespace SentimentKit;

/// <summary>
/// Every log message of the library, with stable event ids: 1xx devices, 2xx data and text,
/// 3xx sequences and models, 4xx training, 5xx the facade.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Device {Preference} resolved to {Device}")]
    public static partial void DeviceResolved(ILogger logger, Devices.DevicePreference preference, Devices.ComputeDevice device);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Training on {TrainCount} examples, validating on {ValidationCount}, {Epochs} epochs, device {Device}")]
    public static partial void TrainingStarted(ILogger logger, int trainCount, int validationCount, int epochs, Devices.ComputeDevice device);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Epoch {Epoch}/{Epochs}: train loss {TrainLoss:F4}, train accuracy {TrainAccuracy:P2}, validation accuracy {ValidationAccuracy:P2}, {SamplesPerSecond:F0} samples/s, {Seconds:F1} s")]
    public static partial void EpochCompleted(ILogger logger, int epoch, int epochs, double trainLoss, double trainAccuracy, double validationAccuracy, double samplesPerSecond, double seconds);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Checkpoint written: {Path}")]
    public static partial void CheckpointSaved(ILogger logger, string path);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Resuming from {Path} after epoch {Epoch}")]
    public static partial void TrainingResumed(ILogger logger, string path, int epoch);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Early stopping after epoch {Epoch}; the best epoch was {BestEpoch}")]
    public static partial void EarlyStopped(ILogger logger, int epoch, int bestEpoch);

    [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Restored the weights of epoch {Epoch}, the best validation")]
    public static partial void BestWeightsRestored(ILogger logger, int epoch);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "Validation plateau: learning rate reduced to {LearningRate:G3}")]
    public static partial void LearningRateReduced(ILogger logger, double learningRate);

    [LoggerMessage(EventId = 407, Level = LogLevel.Information, Message = "Time budget: stopping after epoch {Epoch}/{Epochs}, {SecondsLeft:F0} s left is less than an epoch")]
    public static partial void BudgetStopped(ILogger logger, int epoch, int epochs, double secondsLeft);

    [LoggerMessage(EventId = 408, Level = LogLevel.Information, Message = "Learning-rate range test: {Steps} steps, lowest smoothed loss at {Minimum:G3}; training at {LearningRate:G3}")]
    public static partial void RangeTestApplied(ILogger logger, int steps, double minimum, double learningRate);

    [LoggerMessage(EventId = 409, Level = LogLevel.Information, Message = "Learning-rate range test: no clear descent in {Steps} steps; training at the recipe's {LearningRate:G3}")]
    public static partial void RangeTestNoDescent(ILogger logger, int steps, double learningRate);

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Auto: {Recipe} {Status} in {Seconds:F1} s, validation accuracy {Accuracy:P2}")]
    public static partial void AutoCandidate(ILogger logger, string recipe, CandidateStatus status, double seconds, double accuracy);

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Prepared {TrainCount} training and {ValidationCount} validation texts: {FeatureCount} vocabulary entries or features, {OovRate:P2} of training tokens unknown, {Seconds:F1} s")]
    public static partial void DataPrepared(ILogger logger, int trainCount, int validationCount, int featureCount, double oovRate, double seconds);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Calibrated: temperature {Temperature:F3}, validation ECE {EceBefore:F4} -> {EceAfter:F4}")]
    public static partial void Calibrated(ILogger logger, double temperature, double eceBefore, double eceAfter);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "Not calibrated: {Reason}")]
    public static partial void CalibrationSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Pretrained vectors from {Path} cover {Coverage:P1} of the vocabulary")]
    public static partial void PretrainedVectorsLoaded(ILogger logger, string path, double coverage);

    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Multi-label head: validation micro F1 {MicroF1AtHalf:F4} at 0.5, {MicroF1Tuned:F4} with tuned thresholds; {CalibratedCount} of {LabelCount} labels calibrated")]
    public static partial void MultiLabelHeadFitted(ILogger logger, double microF1AtHalf, double microF1Tuned, int calibratedCount, int labelCount);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "Calibrating on {ShortCount} first sentences besides the {ValidationCount} validation texts")]
    public static partial void CalibratingOnShortTexts(ILogger logger, int shortCount, int validationCount);
}
