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

    /// <summary>The fewest validations without improvement before a derived recipe stops.</summary>
    public const int EarlyStoppingPatience = 2;

    /// <summary>
    /// The optimizer steps without a validation gain after which a derived recipe stops: two IMDB epochs of the BiLSTM
    /// (2 × 352 steps), where the fixed patience of 2 epochs was set. Counted in steps, not epochs, because on small data
    /// an epoch is a handful of steps: on 1,000 reviews 2 epochs are 30 steps, during which a recurrent network still at
    /// chance shows no gain on a 100-review validation split and was stopped after 5 of its 12 epochs.
    /// </summary>
    public const int PatienceSteps = 700;

    /// <summary>The optimizer steps of one epoch on this data (the validation split held out).</summary>
    public static int StepsPerEpoch(DatasetStatistics statistics, TrainerOptions trainer)
    {
        var trainCount = Math.Max(1, (int)Math.Round(statistics.Count * (1 - trainer.ValidationFraction)));
        return (int)Math.Ceiling(trainCount / (double)trainer.BatchSize);
    }

    /// <summary>The epochs that give about <see cref="TargetSteps"/> optimizer steps on this data, within [min, max].</summary>
    public static int Epochs(DatasetStatistics statistics, TrainerOptions trainer, int min, int max) =>
        Math.Clamp((int)Math.Ceiling(TargetSteps / (double)StepsPerEpoch(statistics, trainer)), min, max);

    /// <summary>
    /// The validations (epochs) without improvement that make <see cref="PatienceSteps"/> on this data, at least
    /// <see cref="EarlyStoppingPatience"/>: 2 on IMDB-sized data, more on small data (where it may exceed the epochs, so
    /// that only the best validation's weights are restored).
    /// </summary>
    public static int Patience(DatasetStatistics statistics, TrainerOptions trainer) =>
        Math.Max(EarlyStoppingPatience, (int)Math.Ceiling(PatienceSteps / (double)StepsPerEpoch(statistics, trainer)));

    /// <summary>Sets the epochs and turns early stopping on (the best validation's weights are restored).</summary>
    public static void FitLoop(TrainerOptions trainer, DatasetStatistics statistics, int minEpochs, int maxEpochs)
    {
        trainer.Epochs = Epochs(statistics, trainer, minEpochs, maxEpochs);
        trainer.EarlyStoppingPatience = Patience(statistics, trainer);
        trainer.RestoreBestWeights = true;
    }
}
