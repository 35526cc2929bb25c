namespace SentimentKit.Training;

/// <summary>A seeded split of indices that keeps each class's share in both parts.</summary>
internal static class StratifiedSplit
{
    /// <summary>Splits <c>0..labels.Count-1</c>; each class with at least two examples gives at least one to the held-out part.</summary>
    public static (int[] Kept, int[] HeldOut) Split(IReadOnlyList<int> labels, double fraction, int seed)
    {
        var random = new Random(seed);
        var kept = new List<int>();
        var heldOut = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var take = (int)Math.Round(members.Length * fraction, MidpointRounding.AwayFromZero);
            if (fraction > 0 && members.Length >= 2)
            {
                take = Math.Clamp(take, 1, members.Length - 1);
            }
            else
            {
                take = 0;
            }

            heldOut.AddRange(members.Take(take));
            kept.AddRange(members.Skip(take));
        }

        kept.Sort();
        heldOut.Sort();
        return ([.. kept], [.. heldOut]);
    }
}
