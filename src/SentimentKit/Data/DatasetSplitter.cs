namespace SentimentKit.Data;

/// <summary>Seeded, stratified splits: each label keeps its share in both parts.</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Splits examples into training and validation sets, label by label: for a label with n examples,
    /// <c>round(n × validationFraction)</c> of them (at least 1 and at most n − 1 when n ≥ 2) go to validation,
    /// chosen by a shuffle seeded with <paramref name="seed"/>. The same input and seed give the same split.
    /// </summary>
    /// <param name="examples">The examples.</param>
    /// <param name="validationFraction">The share for validation, in <c>(0, 1)</c>.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <returns>The two parts, each in the original relative order.</returns>
    public static TrainValidationSplit StratifiedSplit(IReadOnlyList<TextExample> examples, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in (0, 1).");
        }

        var byLabel = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Count; i++)
        {
            var label = examples[i]?.Label ?? throw new ArgumentException($"Example {i} is null.", nameof(examples));
            if (!byLabel.TryGetValue(label, out var indices))
            {
                byLabel[label] = indices = [];
            }

            indices.Add(i);
        }

        var random = new Random(seed);
        var inValidation = new bool[examples.Count];
        foreach (var indices in byLabel.Values)
        {
            var shuffled = indices.ToArray();
            random.Shuffle(shuffled);
            var n = shuffled.Length;
            var take = (int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero);
            if (n >= 2)
            {
                take = Math.Clamp(take, 1, n - 1);
            }
            else
            {
                take = 0;
            }

            for (var k = 0; k < take; k++)
            {
                inValidation[shuffled[k]] = true;
            }
        }

        var train = new List<TextExample>();
        var validation = new List<TextExample>();
        for (var i = 0; i < examples.Count; i++)
        {
            (inValidation[i] ? validation : train).Add(examples[i]);
        }

        return new TrainValidationSplit(train, validation);
    }
}
