namespace SentimentKit.Data;

/// <summary>Seeded, stratified splits: each label keeps its share in both parts.</summary>
/// <remarks>
/// Every part of the library that holds out validation data — <see cref="SentimentKit"/>'s trainer, the training loop
/// and the ensemble — splits through <see cref="StratifiedIndices"/>, so the same examples and seed give the same
/// validation set whichever entry point is used.
/// </remarks>
public static class DatasetSplitter
{
    /// <summary>
    /// Splits examples into training and validation sets, label by label (see <see cref="StratifiedIndices"/>); labels
    /// are taken in <see cref="LabelSet.FromLabels"/> order.
    /// </summary>
    /// <param name="examples">The examples.</param>
    /// <param name="validationFraction">The share for validation, in <c>(0, 1)</c>.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <returns>The two parts, each in the original relative order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationFraction"/> is not in <c>(0, 1)</c>.</exception>
    public static TrainValidationSplit StratifiedSplit(IReadOnlyList<TextExample> examples, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        for (var i = 0; i < examples.Count; i++)
        {
            if (examples[i] is null)
            {
                throw new ArgumentException($"Example {i} is null.", nameof(examples));
            }
        }

        var labels = LabelSet.FromLabels(examples.Select(e => e.Label));
        var (train, validation) = StratifiedIndices([.. examples.Select(e => labels.GetIndex(e.Label))], validationFraction, seed);
        return new TrainValidationSplit([.. train.Select(i => examples[i])], [.. validation.Select(i => examples[i])]);
    }

    /// <summary>
    /// Splits <c>0 .. labels.Count - 1</c> label by label, in label-index order: for a label with n examples,
    /// <c>round(n × validationFraction)</c> of them (at least 1 and at most n − 1 when n ≥ 2, none when n = 1) go to
    /// validation, chosen by one shuffle seeded with <paramref name="seed"/>. The same labels and seed give the same split.
    /// </summary>
    /// <param name="labels">The label index of each example (non-negative).</param>
    /// <param name="validationFraction">The share for validation, in <c>(0, 1)</c>.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <returns>The example indices of each part, ascending.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationFraction"/> is not in <c>(0, 1)</c>.</exception>
    public static (int[] Train, int[] Validation) StratifiedIndices(IReadOnlyList<int> labels, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in (0, 1).");
        }

        var random = new Random(seed);
        var inValidation = new bool[labels.Count];
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var n = members.Length;
            var take = n >= 2 ? Math.Clamp((int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero), 1, n - 1) : 0;
            for (var k = 0; k < take; k++)
            {
                inValidation[members[k]] = true;
            }
        }

        var validation = Enumerable.Range(0, labels.Count).Where(i => inValidation[i]).ToArray();
        var train = Enumerable.Range(0, labels.Count).Where(i => !inValidation[i]).ToArray();
        return (train, validation);
    }
}
