namespace SentimentKit;

/// <summary>
/// What a model predicts for a text: one label out of several, or any set of labels. The task is a choice of the data
/// (label sets switch to <see cref="MultiLabel"/>), independent of the model kind.
/// </summary>
public enum ClassificationTask
{
    /// <summary>One label per text: a softmax over the labels, trained with cross-entropy.</summary>
    SingleLabel = 0,

    /// <summary>
    /// Any set of labels per text, the empty set included: one sigmoid per label, trained with binary cross-entropy,
    /// each label predicted when its probability reaches its own threshold (tuned on the validation split).
    /// </summary>
    MultiLabel = 1,
}
