using System.Globalization;

namespace SentimentKit.Data;

/// <summary>
/// The one set of checks on training data, with one set of messages, used by the trainer facade, the training loop
/// and the ensemble: empty sets, null examples, a single label, label indices out of range, validation labels the
/// training data lacks.
/// </summary>
internal static class TrainingData
{
    /// <summary>Checks labeled examples and maps their labels to the label set of the training data.</summary>
    /// <exception cref="InvalidTrainingDataException">The data cannot be trained on.</exception>
    public static (LabelSet Labels, int[] Train, int[]? Validation) MapLabels(IReadOnlyList<TextExample> train, IReadOnlyList<TextExample>? validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        CheckNotEmpty(train.Count, "training");
        for (var i = 0; i < train.Count; i++)
        {
            if (train[i] is null)
            {
                throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"Training example {i} is null."));
            }
        }

        var labels = LabelSet.FromLabels(train.Select(e => e.Label));
        var trainLabels = train.Select(e => labels.GetIndex(e.Label)).ToArray();
        CheckTwoClasses(trainLabels, labels.Names);
        if (validation is null)
        {
            return (labels, trainLabels, null);
        }

        CheckNotEmpty(validation.Count, "validation");
        var validLabels = new int[validation.Count];
        for (var i = 0; i < validation.Count; i++)
        {
            validLabels[i] = validation[i] is not null && labels.TryGetIndex(validation[i].Label, out var index)
                ? index
                : throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"Validation example {i} has label '{validation[i]?.Label}', which no training example has ({labels})."));
        }

        return (labels, trainLabels, validLabels);
    }

    /// <summary>Checks a set given as inputs and label indices.</summary>
    /// <exception cref="InvalidTrainingDataException">The counts differ or a label index is outside the label set.</exception>
    public static void CheckIndexed(int inputCount, IReadOnlyList<int> labels, int classCount, string set)
    {
        if (inputCount != labels.Count)
        {
            throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"The {set} set has {inputCount} examples but {labels.Count} labels."));
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"The {set} label at index {i} is {labels[i]}, outside the label set (0 to {classCount - 1})."));
            }
        }
    }

    /// <exception cref="InvalidTrainingDataException">The set is empty.</exception>
    public static void CheckNotEmpty(int count, string set)
    {
        if (count == 0)
        {
            throw new InvalidTrainingDataException(set == "validation"
                ? "The validation set is empty; pass null to hold out part of the training data instead."
                : $"The {set} set is empty.");
        }
    }

    /// <exception cref="InvalidTrainingDataException">Every example has the same label.</exception>
    public static void CheckTwoClasses(IReadOnlyList<int> labels, IReadOnlyList<string> names)
    {
        for (var i = 1; i < labels.Count; i++)
        {
            if (labels[i] != labels[0])
            {
                return;
            }
        }

        throw new InvalidTrainingDataException($"The training set has only one label ('{names[labels[0]]}'); a classifier needs examples of at least two.");
    }
}
