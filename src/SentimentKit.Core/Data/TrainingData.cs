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

        LabelSetTargets.CheckSingleLabel(train, "training example", "training data's");
        var labels = LabelSet.FromLabels(train.Select(e => e.Label));
        var trainLabels = train.Select(e => labels.GetIndex(e.Label)).ToArray();
        CheckTwoClasses(trainLabels, labels.Names);
        if (validation is null)
        {
            return (labels, trainLabels, null);
        }

        CheckNotEmpty(validation.Count, "validation");
        LabelSetTargets.CheckSingleLabel(validation, "validation example", "training data's");
        var validLabels = new int[validation.Count];
        for (var i = 0; i < validation.Count; i++)
        {
            validLabels[i] = validation[i] is not null && labels.TryGetIndex(validation[i].Label, out var index)
                ? index
                : throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"Validation example {i} has label '{validation[i]?.Label}', which no training example has ({labels})."));
        }

        return (labels, trainLabels, validLabels);
    }

    /// <summary>Whether labeled examples are multi-label: every one carries a label set, or none does.</summary>
    /// <exception cref="InvalidTrainingDataException">Some examples carry label sets and others one label.</exception>
    public static bool IsMultiLabel(IReadOnlyList<TextExample> train, IReadOnlyList<TextExample>? validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        CheckNotEmpty(train.Count, "training");
        var first = train[0] ?? throw new InvalidTrainingDataException("Training example 0 is null.");
        var multiLabel = first.IsMultiLabel;
        foreach (var (set, list) in new[] { ("training", train), ("validation", validation ?? []) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is { } example && example.IsMultiLabel != multiLabel)
                {
                    throw new InvalidTrainingDataException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The {set} example {i}{LabelSetTargets.Where(example)} has {(example.IsMultiLabel ? "a label set" : "one label")} but training example 0 has {(multiLabel ? "a label set" : "one label")}: the data must be all single-label or all multi-label."));
                }
            }
        }

        return multiLabel;
    }

    /// <summary>
    /// Checks multi-label examples and maps their label sets to 0/1 targets over the labels of the training data (at
    /// least two; the empty set is a valid target).
    /// </summary>
    /// <exception cref="InvalidTrainingDataException">The data cannot be trained on.</exception>
    public static (LabelSet Labels, bool[][] Train, bool[][]? Validation) MapLabelSets(IReadOnlyList<TextExample> train, IReadOnlyList<TextExample>? validation)
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

        var labels = LabelSet.FromLabels(train.SelectMany(e => e.Labels ?? []));
        if (labels.Count < 2)
        {
            throw new InvalidTrainingDataException(labels.Count == 0
                ? "No training example has a label; a multi-label classifier needs at least two labels."
                : $"The training set has only one label ('{labels[0]}'); a multi-label classifier needs at least two (a yes/no tag is single-label data: '{labels[0]}' and 'not {labels[0]}').");
        }

        var trainTargets = LabelSetTargets.For(labels, train, "training example", "training data's");
        if (validation is null)
        {
            return (labels, trainTargets, null);
        }

        CheckNotEmpty(validation.Count, "validation");
        return (labels, trainTargets, LabelSetTargets.For(labels, validation, "validation example", "training data's"));
    }

    /// <summary>Checks a set given as inputs and 0/1 targets (one row per input, one flag per class).</summary>
    /// <exception cref="InvalidTrainingDataException">The counts differ or a row has another width.</exception>
    public static void CheckTargets(int inputCount, IReadOnlyList<bool[]> targets, int classCount, string set)
    {
        if (inputCount != targets.Count)
        {
            throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"The {set} set has {inputCount} examples but {targets.Count} label sets."));
        }

        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i] is null || targets[i].Length != classCount)
            {
                throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"The {set} label set at index {i} has {targets[i]?.Length ?? 0} flags for {classCount} labels."));
            }
        }
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
