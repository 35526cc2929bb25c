using System.Globalization;

namespace SentimentKit.Data;

/// <summary>
/// Multi-label examples as 0/1 targets over a label set, with the one set of messages for data that does not fit: a
/// single-label example where label sets are expected (and the reverse, see <see cref="CheckSingleLabel"/>), or a label
/// the model does not know.
/// </summary>
internal static class LabelSetTargets
{
    /// <summary>One row per example, one flag per label of <paramref name="labelSet"/>.</summary>
    /// <param name="labelSet">The labels, in output order.</param>
    /// <param name="examples">The examples; each must carry a label set (<see cref="TextExample.Labels"/>).</param>
    /// <param name="what">What an example is called in messages ("example", "validation example").</param>
    /// <param name="owner">Whose labels they must be ("model's", "training data's").</param>
    /// <exception cref="InvalidTrainingDataException">An example is null or single-label, or has a label outside the set.</exception>
    public static bool[][] For(LabelSet labelSet, IReadOnlyList<TextExample> examples, string what, string owner)
    {
        var rows = new bool[examples.Count][];
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i] ?? throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"The {what} {i} is null."));
            if (example.Labels is not { } labels)
            {
                throw new InvalidTrainingDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The {owner} labels are multi-label but {what} {i}{Where(example)} has one label ('{example.Label}'): give the data as label sets (--label-separator, LabelSeparator, or a JSON Lines array)."));
            }

            var row = new bool[labelSet.Count];
            foreach (var label in labels)
            {
                row[labelSet.TryGetIndex(label, out var index) ? index : throw new InvalidTrainingDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The label '{label}' of {what} {i}{Where(example)} is not one of the {owner} labels ({labelSet})."))] = true;
            }

            rows[i] = row;
        }

        return rows;
    }

    /// <summary>The label indices of each 0/1 row, as iterative stratification reads them.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Indices(IReadOnlyList<bool[]> targets) =>
        [.. targets.Select(row => (IReadOnlyList<int>)[.. Enumerable.Range(0, row.Length).Where(c => row[c])])];

    /// <summary>Refuses label sets where one label per example is expected.</summary>
    /// <exception cref="InvalidTrainingDataException">An example carries a label set.</exception>
    public static void CheckSingleLabel(IReadOnlyList<TextExample> examples, string what, string owner)
    {
        for (var i = 0; i < examples.Count; i++)
        {
            if (examples[i] is { IsMultiLabel: true } example)
            {
                throw new InvalidTrainingDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The {owner} labels are single-label but {what} {i}{Where(example)} has a label set ([{string.Join(", ", example.Labels!)}]): this needs a model trained multi-label."));
            }
        }
    }

    /// <summary>Where an example came from, for messages: " (file.tsv:12)", or nothing.</summary>
    public static string Where(TextExample example) => example.SourceId is { } source ? $" ({source})" : string.Empty;
}
