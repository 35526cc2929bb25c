namespace SentimentKit.Data;

/// <summary>The state of one iterative stratification into two parts; see <see cref="DatasetSplitter.IterativeStratifiedIndices"/> for the method.</summary>
internal sealed class IterativeStratification
{
    private const int Train = 0;
    private const int Validation = 1;
    private const int Unplaced = -1;

    private readonly int[][] _sets;
    private readonly List<int>[] _members;
    private readonly int[,] _wanted;
    private readonly int[] _wantedTotal;
    private readonly int[] _part;
    private readonly Random _random;

    public IterativeStratification(IReadOnlyList<IReadOnlyList<int>> labelSets, int labelCount, double validationFraction, int seed)
    {
        // The empty set is label number labelCount, so that examples without a label are split in proportion too.
        var groups = labelCount + 1;
        _sets = new int[labelSets.Count][];
        _members = [.. Enumerable.Range(0, groups).Select(_ => new List<int>())];
        for (var i = 0; i < labelSets.Count; i++)
        {
            var set = labelSets[i] ?? throw new ArgumentException($"Label set {i} is null.", nameof(labelSets));
            foreach (var label in set)
            {
                if ((uint)label >= (uint)labelCount)
                {
                    throw new ArgumentException($"Label set {i} holds {label}, outside [0, {labelCount}).", nameof(labelSets));
                }
            }

            _sets[i] = set.Count == 0 ? [labelCount] : [.. set.Distinct().Order()];
            foreach (var label in _sets[i])
            {
                _members[label].Add(i);
            }
        }

        _wanted = new int[groups, 2];
        for (var label = 0; label < groups; label++)
        {
            var count = _members[label].Count;
            _wanted[label, Validation] = DatasetSplitter.ValidationShare(count, validationFraction);
            _wanted[label, Train] = count - _wanted[label, Validation];
        }

        var validationTotal = DatasetSplitter.ValidationShare(labelSets.Count, validationFraction);
        _wantedTotal = [labelSets.Count - validationTotal, validationTotal];
        _part = [.. Enumerable.Repeat(Unplaced, labelSets.Count)];
        _random = new Random(seed);
    }

    /// <summary>Places every example and repairs what can be; returns, per example, whether it is in validation.</summary>
    public bool[] Run()
    {
        foreach (var members in _members)
        {
            var order = members.ToArray();
            _random.Shuffle(order);
            members.Clear();
            members.AddRange(order);
        }

        var unplaced = _members.Select(m => m.Count).ToArray();
        while (RarestUnplacedLabel(unplaced) is { } label)
        {
            foreach (var example in _members[label])
            {
                if (_part[example] == Unplaced)
                {
                    Place(example, ChoosePart(label), unplaced);
                }
            }
        }

        Repair();
        return [.. _part.Select(p => p == Validation)];
    }

    private static int? RarestUnplacedLabel(int[] unplaced)
    {
        int? best = null;
        for (var label = 0; label < unplaced.Length; label++)
        {
            if (unplaced[label] > 0 && (best is null || unplaced[label] < unplaced[best.Value]))
            {
                best = label;
            }
        }

        return best;
    }

    private int ChoosePart(int label)
    {
        var byLabel = _wanted[label, Validation].CompareTo(_wanted[label, Train]);
        if (byLabel != 0)
        {
            return byLabel > 0 ? Validation : Train;
        }

        var byTotal = _wantedTotal[Validation].CompareTo(_wantedTotal[Train]);
        return byTotal != 0 ? (byTotal > 0 ? Validation : Train) : _random.Next(2);
    }

    private void Place(int example, int part, int[] unplaced)
    {
        _part[example] = part;
        _wantedTotal[part]--;
        foreach (var label in _sets[example])
        {
            _wanted[label, part]--;
            unplaced[label]--;
        }
    }

    /// <summary>
    /// For each label of two or more examples that sits wholly in one part, moves one of its examples across, or swaps
    /// it with an example of the other part, such that no label in both parts before is left in one part after.
    /// </summary>
    private void Repair()
    {
        var counts = new int[_members.Length, 2];
        for (var example = 0; example < _part.Length; example++)
        {
            foreach (var label in _sets[example])
            {
                counts[label, _part[example]]++;
            }
        }

        // Each change mends one label and breaks none, so the passes end.
        bool changed;
        do
        {
            changed = false;
            for (var label = 0; label < _members.Length; label++)
            {
                if (_members[label].Count >= 2 && (counts[label, Train] == 0 || counts[label, Validation] == 0)
                    && FindRepair(label, counts) is { } repair)
                {
                    Switch(repair.Example, counts);
                    if (repair.Partner is { } partner)
                    {
                        Switch(partner, counts);
                    }

                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>The fewest-label example of <paramref name="label"/> that can move alone, else the first pair that can swap; <see langword="null"/> when none can.</summary>
    private (int Example, int? Partner)? FindRepair(int label, int[,] counts)
    {
        var from = counts[label, Train] > 0 ? Train : Validation;
        int? single = null;
        foreach (var example in _members[label])
        {
            if ((single is null || _sets[example].Length < _sets[single.Value].Length) && KeepsBothParts(counts, example, null))
            {
                single = example;
            }
        }

        if (single is not null)
        {
            return (single.Value, null);
        }

        foreach (var example in _members[label])
        {
            for (var partner = 0; partner < _part.Length; partner++)
            {
                if (_part[partner] != from && KeepsBothParts(counts, example, partner))
                {
                    return (example, partner);
                }
            }
        }

        return null;
    }

    /// <summary>Whether switching the part of <paramref name="example"/> (and <paramref name="partner"/>, in the other part) leaves every label of two or more examples that is in both parts still in both.</summary>
    private bool KeepsBothParts(int[,] counts, int example, int? partner)
    {
        var from = _part[example];
        foreach (var label in partner is { } p ? _sets[example].Union(_sets[p]) : _sets[example])
        {
            if (_members[label].Count < 2 || counts[label, Train] == 0 || counts[label, Validation] == 0)
            {
                continue;
            }

            var inExample = Array.IndexOf(_sets[example], label) >= 0 ? 1 : 0;
            var inPartner = partner is { } q && Array.IndexOf(_sets[q], label) >= 0 ? 1 : 0;
            if (counts[label, from] - inExample + inPartner == 0 || counts[label, 1 - from] + inExample - inPartner == 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Switch(int example, int[,] counts)
    {
        var from = _part[example];
        _part[example] = 1 - from;
        foreach (var label in _sets[example])
        {
            counts[label, from]--;
            counts[label, 1 - from]++;
        }
    }
}
