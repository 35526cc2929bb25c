namespace SentimentKit.Training;

/// <summary>The weight of each class in the loss, as the options ask: none, given, or balanced by class frequency.</summary>
internal static class ClassWeights
{
    /// <summary>One weight per class, or <see langword="null"/> for an unweighted loss.</summary>
    public static double[]? Compute(TrainerOptions options, IReadOnlyList<int> labels, int classCount) => options.ClassWeighting switch
    {
        ClassWeighting.Given => [.. options.ClassWeights!],
        ClassWeighting.Balanced => Balanced(labels, classCount),
        _ => null,
    };

    /// <summary><c>n / (classes × count)</c> per class; a class absent from training gets 1 (it never reaches the loss anyway).</summary>
    public static double[] Balanced(IReadOnlyList<int> labels, int classCount)
    {
        var counts = new int[classCount];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        return [.. counts.Select(c => c > 0 ? (double)labels.Count / (classCount * c) : 1.0)];
    }
}
