using System.Globalization;

namespace SentimentKit;

/// <summary>
/// Everything the training loop can be told. Plain properties with documented defaults: Adam at 1e-3, gradient
/// clipping at 1.0, length-bucketed batches of 64; <see cref="SentimentTrainerOptions.RecommendedTrainer"/> gives the
/// recipe of each model kind. <see cref="Validate"/> reports every error at once.
/// </summary>
public sealed class TrainerOptions
{
    /// <summary>Gets or sets the number of passes over the training data.</summary>
    /// <value>The default value is 5.</value>
    public int Epochs { get; set; } = 5;

    /// <summary>Gets or sets the number of examples per batch.</summary>
    /// <value>The default value is 64.</value>
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// Gets or sets the most padded token slots (examples × longest length) per batch; when set,
    /// batches are cut by this budget instead of <see cref="BatchSize"/> (length-bucketed batching only).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (cut by count).</value>
    public int? MaxTokensPerBatch { get; set; }

    /// <summary>Gets or sets how examples are grouped into batches.</summary>
    /// <value>The default value is <see cref="BatchingStrategy.LengthBucketed"/>.</value>
    public BatchingStrategy Batching { get; set; } = BatchingStrategy.LengthBucketed;

    /// <summary>Gets or sets the number of examples per batch when predicting or validating.</summary>
    /// <value>The default value is 256.</value>
    public int EvaluationBatchSize { get; set; } = 256;

    /// <summary>Gets or sets the optimizer.</summary>
    /// <value>The default value is <see cref="OptimizerKind.Adam"/>.</value>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>Gets or sets the peak learning rate.</summary>
    /// <value>The default value is 0.001.</value>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Gets or sets the weight decay (L2 for Adam and SGD, decoupled for AdamW).</summary>
    /// <value>The default value is 0.</value>
    public double WeightDecay { get; set; }

    /// <summary>Gets or sets the momentum of <see cref="OptimizerKind.Sgd"/>.</summary>
    /// <value>The default value is 0.9.</value>
    public double Momentum { get; set; } = 0.9;

    /// <summary>Gets or sets the learning-rate schedule.</summary>
    /// <value>The default value is <see cref="LearningRateScheduleKind.Constant"/>.</value>
    public LearningRateScheduleKind Schedule { get; set; } = LearningRateScheduleKind.Constant;

    /// <summary>Gets or sets the fraction of all steps spent warming up (warm-up and one-cycle schedules).</summary>
    /// <value>The default value is 0.1.</value>
    public double WarmupFraction { get; set; } = 0.1;

    /// <summary>Gets or sets the factor the learning rate is multiplied by on a plateau.</summary>
    /// <value>The default value is 0.5.</value>
    public double PlateauFactor { get; set; } = 0.5;

    /// <summary>Gets or sets the number of validations without improvement before the learning rate is reduced.</summary>
    /// <value>The default value is 1.</value>
    public int PlateauPatience { get; set; } = 1;

    /// <summary>Gets or sets the largest gradient norm; larger gradients are scaled down to it.</summary>
    /// <value>The default value is 1.0; <see langword="null"/> turns clipping off.</value>
    public double? GradientClipNorm { get; set; } = 1.0;

    /// <summary>Gets or sets how classes are weighted in the loss.</summary>
    /// <value>The default value is <see cref="ClassWeighting.None"/>.</value>
    public ClassWeighting ClassWeighting { get; set; } = ClassWeighting.None;

    /// <summary>Gets or sets the class weights for <see cref="ClassWeighting.Given"/>, one per class in label-set order.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<double>? ClassWeights { get; set; }

    /// <summary>Gets or sets the label smoothing of the cross-entropy loss, in [0, 1).</summary>
    /// <value>The default value is 0.</value>
    public double LabelSmoothing { get; set; }

    /// <summary>
    /// Gets or sets the seed of every random choice: initialization order, shuffling, dropout.
    /// libtorch's generator is one per process, so two trainings running at once in one process
    /// each stay correct but are no longer reproducible.
    /// </summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Gets or sets the stratified fraction of the training data held out for validation when no
    /// validation set is given; 0 trains on everything and validates on nothing.
    /// </summary>
    /// <value>The default value is 0.1.</value>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Gets or sets how often to validate, in steps; <see langword="null"/> validates at the end of every epoch.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? ValidationIntervalSteps { get; set; }

    /// <summary>Gets or sets the validation figure that decides the best weights and early stopping.</summary>
    /// <value>The default value is <see cref="EarlyStoppingMetric.Accuracy"/>.</value>
    public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.Accuracy;

    /// <summary>Gets or sets the number of validations without improvement after which training stops; <see langword="null"/> never stops early.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>Gets or sets a value indicating whether the best validation's weights are restored when training ends.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>Gets or sets the folder that receives a checkpoint after every epoch; <see langword="null"/> writes none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Gets or sets the number of most recent epoch checkpoints kept in <see cref="CheckpointDirectory"/>.</summary>
    /// <value>The default value is 2.</value>
    public int CheckpointsToKeep { get; set; } = 2;

    /// <summary>Gets or sets a value indicating whether training resumes from the latest checkpoint in <see cref="CheckpointDirectory"/> when there is one.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Resume { get; set; }

    /// <summary>Gets or sets how many steps pass between progress reports.</summary>
    /// <value>The default value is 10.</value>
    public int ProgressIntervalSteps { get; set; } = 10;

    /// <summary>Checks every option and reports all problems at once.</summary>
    /// <param name="classCount">The number of classes, to check <see cref="ClassWeights"/>; 0 skips that check.</param>
    /// <exception cref="InvalidOptionsException">One or more options are out of range.</exception>
    public void Validate(int classCount = 0)
    {
        var errors = new OptionErrors();

        static string S(double value) => value.ToString(CultureInfo.InvariantCulture);
        errors.Check(Epochs >= 1, $"Epochs must be at least 1 (got {S(Epochs)}).");
        errors.Check(BatchSize >= 1, $"BatchSize must be at least 1 (got {S(BatchSize)}).");
        errors.Check(MaxTokensPerBatch is null or >= 1, $"MaxTokensPerBatch must be at least 1 when set (got {S(MaxTokensPerBatch ?? 0)}).");
        errors.Check(MaxTokensPerBatch is null || Batching == BatchingStrategy.LengthBucketed, "MaxTokensPerBatch needs Batching = LengthBucketed.");
        errors.Check(EvaluationBatchSize >= 1, $"EvaluationBatchSize must be at least 1 (got {S(EvaluationBatchSize)}).");
        errors.Check(Enum.IsDefined(Optimizer), $"Optimizer {Optimizer} is not one of Adam, AdamW, Sgd.");
        errors.Check(Enum.IsDefined(Schedule), $"Schedule {Schedule} is not a known schedule.");
        errors.Check(Enum.IsDefined(Batching), $"Batching {Batching} is not a known strategy.");
        errors.Check(Enum.IsDefined(EarlyStoppingMetric), $"EarlyStoppingMetric {EarlyStoppingMetric} is not a known metric.");
        errors.Check(double.IsFinite(LearningRate) && LearningRate > 0, $"LearningRate must be a positive number (got {S(LearningRate)}).");
        errors.Check(double.IsFinite(WeightDecay) && WeightDecay >= 0, $"WeightDecay must be 0 or more (got {S(WeightDecay)}).");
        errors.Check(Momentum is >= 0 and < 1, $"Momentum must be in [0, 1) (got {S(Momentum)}).");
        errors.Check(WarmupFraction is >= 0 and < 1, $"WarmupFraction must be in [0, 1) (got {S(WarmupFraction)}).");
        errors.Check(PlateauFactor is > 0 and < 1, $"PlateauFactor must be in (0, 1) (got {S(PlateauFactor)}).");
        errors.Check(PlateauPatience >= 0, $"PlateauPatience must be 0 or more (got {S(PlateauPatience)}).");
        errors.Check(GradientClipNorm is null || (double.IsFinite(GradientClipNorm.Value) && GradientClipNorm > 0), $"GradientClipNorm must be positive when set (got {S(GradientClipNorm ?? 0)}).");
        errors.Check(LabelSmoothing is >= 0 and < 1, $"LabelSmoothing must be in [0, 1) (got {S(LabelSmoothing)}).");
        errors.Check(ValidationFraction is >= 0 and < 1, $"ValidationFraction must be in [0, 1) (got {S(ValidationFraction)}).");
        errors.Check(ValidationIntervalSteps is null or >= 1, $"ValidationIntervalSteps must be at least 1 when set (got {S(ValidationIntervalSteps ?? 0)}).");
        errors.Check(EarlyStoppingPatience is null or >= 1, $"EarlyStoppingPatience must be at least 1 when set (got {S(EarlyStoppingPatience ?? 0)}).");
        errors.Check(CheckpointsToKeep >= 1, $"CheckpointsToKeep must be at least 1 (got {S(CheckpointsToKeep)}).");
        errors.Check(!Resume || CheckpointDirectory is not null, "Resume needs a CheckpointDirectory.");
        errors.Check(ProgressIntervalSteps >= 1, $"ProgressIntervalSteps must be at least 1 (got {S(ProgressIntervalSteps)}).");
        if (ClassWeighting == ClassWeighting.Given)
        {
            errors.Check(ClassWeights is not null, "ClassWeighting = Given needs ClassWeights.");
            if (ClassWeights is not null)
            {
                errors.Check(classCount == 0 || ClassWeights.Count == classCount, $"ClassWeights has {ClassWeights.Count} weights for {classCount} classes.");
                errors.Check(ClassWeights.All(w => double.IsFinite(w) && w > 0), "Every class weight must be a positive number.");
            }
        }

        errors.ThrowIfAny(nameof(TrainerOptions));
    }

    /// <summary>Copies the options so that later changes to this instance do not reach a running trainer.</summary>
    /// <returns>A copy.</returns>
    public TrainerOptions Clone()
    {
        var copy = (TrainerOptions)MemberwiseClone();
        copy.ClassWeights = ClassWeights?.ToArray();
        return copy;
    }
}
