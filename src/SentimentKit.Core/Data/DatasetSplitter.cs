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
    /// are taken in <see cref="LabelSet.FromLabels"/> order. Multi-label examples are split by
    /// <see cref="MultiLabelStratifiedSplit"/> instead.
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

        if (examples.Any(e => e.IsMultiLabel))
        {
            return MultiLabelStratifiedSplit(examples, validationFraction, seed);
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
        CheckFraction(validationFraction);
        var random = new Random(seed);
        var inValidation = new bool[labels.Count];
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var take = ValidationShare(members.Length, validationFraction);
            for (var k = 0; k < take; k++)
            {
                inValidation[members[k]] = true;
            }
        }

        var validation = Enumerable.Range(0, labels.Count).Where(i => inValidation[i]).ToArray();
        var train = Enumerable.Range(0, labels.Count).Where(i => !inValidation[i]).ToArray();
        return (train, validation);
    }

    /// <summary>
    /// Splits multi-label examples into training and validation sets by iterative stratification (see
    /// <see cref="IterativeStratifiedIndices"/>), over the labels of their <see cref="TextExample.Labels"/> in ordinal order.
    /// </summary>
    /// <param name="examples">The examples, each multi-label (<see cref="TextExample.Labels"/> set, possibly empty).</param>
    /// <param name="validationFraction">The share for validation, in <c>(0, 1)</c>.</param>
    /// <param name="seed">The seed of the random choices.</param>
    /// <returns>The two parts, each in the original relative order.</returns>
    /// <exception cref="ArgumentException">An example is null or single-label.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationFraction"/> is not in <c>(0, 1)</c>.</exception>
    public static TrainValidationSplit MultiLabelStratifiedSplit(IReadOnlyList<TextExample> examples, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var sets = Enumerable.Range(0, examples.Count).Select(i => MultiLabelStatistics.LabelsOf(examples, i)).ToArray();
        var names = sets.SelectMany(s => s).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var labelSets = sets.Select(s => (IReadOnlyList<int>)[.. s.Select(name => index[name])]).ToArray();
        var (train, validation) = IterativeStratifiedIndices(labelSets, names.Length, validationFraction, seed);
        return new TrainValidationSplit([.. train.Select(i => examples[i])], [.. validation.Select(i => examples[i])]);
    }

    /// <summary>
    /// Splits <c>0 .. labelSets.Count - 1</c> by iterative stratification (Sechidis, Tsoumakas &amp; Vlahavas 2011,
    /// "On the stratification of multi-label data"), so that each label keeps its share in both parts although an
    /// example carries several labels.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Each label wants <c>round(n × validationFraction)</c> of its n examples in validation (at least 1 and at most
    /// n − 1 when n ≥ 2, none when n = 1: the rule of <see cref="StratifiedIndices"/>) and the rest in training; the
    /// whole set wants the same of its size. Examples with the empty set count as one more label, so they too are
    /// split in proportion. Then, as in the paper: take the label with the fewest examples not yet placed (ties: the
    /// lower index), and place each of them (in an order shuffled with <paramref name="seed"/>) in the part that still
    /// wants the most of that label; ties go to the part that wants the most examples overall, then to a seeded coin.
    /// Placing an example lowers what that part wants of each of its labels. Rare labels are placed first, while
    /// there is still room for them in both parts. Each label's share comes out at or within an example or two of
    /// its target; the size of the parts follows less closely (a few percent), since examples carry different numbers
    /// of labels.
    /// </para>
    /// <para>
    /// Last, a repair pass: a label with n ≥ 2 examples that ended up all in one part gets one of them moved across,
    /// or swapped with an example of the other part, provided no label that was in both parts is then left in one.
    /// It cannot always succeed — three examples with the labels {a, b}, {b, c}, {a, c} cannot give every label an
    /// example in both parts — but it does whenever one such move or swap per label is enough.
    /// </para>
    /// </remarks>
    /// <param name="labelSets">The label indices of each example, each in <c>[0, labelCount)</c>; repeats are ignored; may be empty.</param>
    /// <param name="labelCount">The number of labels.</param>
    /// <param name="validationFraction">The share for validation, in <c>(0, 1)</c>.</param>
    /// <param name="seed">The seed of the random choices; the same sets and seed give the same split.</param>
    /// <returns>The example indices of each part, ascending.</returns>
    /// <exception cref="ArgumentException">A label set is null or holds an index outside <c>[0, labelCount)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationFraction"/> is not in <c>(0, 1)</c>, or <paramref name="labelCount"/> is negative.</exception>
    public static (int[] Train, int[] Validation) IterativeStratifiedIndices(
        IReadOnlyList<IReadOnlyList<int>> labelSets, int labelCount, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labelSets);
        ArgumentOutOfRangeException.ThrowIfNegative(labelCount);
        CheckFraction(validationFraction);
        var stratification = new IterativeStratification(labelSets, labelCount, validationFraction, seed);
        var inValidation = stratification.Run();
        var validation = Enumerable.Range(0, labelSets.Count).Where(i => inValidation[i]).ToArray();
        var train = Enumerable.Range(0, labelSets.Count).Where(i => !inValidation[i]).ToArray();
        return (train, validation);
    }

    /// <summary>How many of a label's <paramref name="count"/> examples go to validation: the rounded share, at least 1 and at most count − 1 when count ≥ 2, none for a single example.</summary>
    internal static int ValidationShare(int count, double validationFraction) =>
        count >= 2 ? Math.Clamp((int)Math.Round(count * validationFraction, MidpointRounding.AwayFromZero), 1, count - 1) : 0;

    private static void CheckFraction(double validationFraction)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in (0, 1).");
        }
    }
}
