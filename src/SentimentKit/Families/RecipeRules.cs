using SentimentKit.Data;

namespace SentimentKit.Families;

/// <summary>
/// The rules every family shares when it fits a recommended recipe to a training set's statistics
/// (<see cref="SentimentTrainerOptions.Recommended(ModelKind, DatasetStatistics)"/>): how long to train, and early stopping.
/// </summary>
internal static class RecipeRules
{
    /// <summary>
    /// The optimizer steps the recipes were tuned for on IMDB: 4 BiLSTM epochs of 352 batches of 64, or 2 n-gram epochs
    /// of 704 batches of 32, over its 22,500 training reviews (25,000 less the validation split).
    /// </summary>
    public const int TargetSteps = 1_400;

    /// <summary>Validations without improvement before a derived recipe stops.</summary>
    public const int EarlyStoppingPatience = 2;

    /// <summary>The epochs that give about <see cref="TargetSteps"/> optimizer steps on this data, within [min, max].</summary>
    public static int Epochs(DatasetStatistics statistics, TrainerOptions trainer, int min, int max)
    {
        var trainCount = Math.Max(1, (int)Math.Round(statistics.Count * (1 - trainer.ValidationFraction)));
        var stepsPerEpoch = (int)Math.Ceiling(trainCount / (double)trainer.BatchSize);
        return Math.Clamp((int)Math.Ceiling(TargetSteps / (double)stepsPerEpoch), min, max);
    }

    /// <summary>Sets the epochs and turns early stopping on (the best validation's weights are restored).</summary>
    public static void FitLoop(TrainerOptions trainer, DatasetStatistics statistics, int minEpochs, int maxEpochs)
    {
        trainer.Epochs = Epochs(statistics, trainer, minEpochs, maxEpochs);
        trainer.EarlyStoppingPatience = EarlyStoppingPatience;
        trainer.RestoreBestWeights = true;
    }
}
