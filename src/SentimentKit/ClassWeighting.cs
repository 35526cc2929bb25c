namespace SentimentKit;

/// <summary>How each class's examples weigh in the loss.</summary>
public enum ClassWeighting
{
    /// <summary>Every example weighs the same.</summary>
    None = 0,

    /// <summary>Each class weighs <c>count / (classes × class count)</c>, so rare classes count as much as common ones.</summary>
    Balanced = 1,

    /// <summary>The weights given in <see cref="TrainerOptions.ClassWeights"/>.</summary>
    Given = 2,
}
