using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SentimentKit.Text;

/// <summary>
/// Fits an <see cref="NGramFeaturizer"/>: counts the document frequency of every n-gram of the training texts, keeps
/// those in enough documents (the most frequent first, up to the maximum), and numbers their tokens compactly.
/// </summary>
internal static class NGramFitter
{
    public static NGramFeaturizer Fit(
        IReadOnlyList<string> texts,
        IReadOnlyList<int>? labels,
        int classCount,
        NGramFeaturizerOptions? options,
        TextNormalizer? normalizer,
        ITokenizer? tokenizer,
        IReadOnlyList<bool[]>? labelSets = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new NGramFeaturizerOptions();
        options.Validate();
        normalizer ??= TextNormalizer.Default;
        tokenizer ??= WordTokenizer.Instance;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };

        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} is null.", nameof(texts));
            }
        }

        var normalized = new string[texts.Count];
        Parallel.For(0, texts.Count, parallel, i => normalized[i] = normalizer.Normalize(texts[i]));

        // Unigram ids in ordinal order, so that ties between n-grams break the same way on every run.
        var counts = TokenCounter.Count(normalized, null, tokenizer, options.MaxDegreeOfParallelism);
        var allTokens = counts.Keys.ToArray();
        if (allTokens.Length > NGramKey.MaxTokenId + 1)
        {
            // N-gram keys hold 21-bit token ids; a corpus with more distinct tokens keeps its most frequent ones.
            allTokens = [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(NGramKey.MaxTokenId + 1).Select(c => c.Key)];
        }

        Array.Sort(allTokens, StringComparer.Ordinal);
        var allIds = new Dictionary<string, int>(allTokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < allTokens.Length; i++)
        {
            allIds.Add(allTokens[i], i);
        }

        var documentFrequencies = CountDocumentFrequencies(normalized, allIds, tokenizer, options.MaxNGramLength, parallel);
        var selected = new List<KeyValuePair<NGramKey, int>>();
        foreach (var pair in documentFrequencies)
        {
            if (pair.Value >= options.MinDocumentFrequency)
            {
                selected.Add(pair);
            }
        }

        selected.Sort(static (a, b) =>
        {
            var c = b.Value.CompareTo(a.Value);
            if (c != 0)
            {
                return c;
            }

            c = a.Key.Length.CompareTo(b.Key.Length);
            return c != 0 ? c : a.Key.CompareTo(b.Key);
        });
        if (options.MaxFeatures is { } max && selected.Count > max)
        {
            selected.RemoveRange(max, selected.Count - max);
        }

        // Keep only the tokens that some feature uses, renumbered compactly in ordinal order.
        var used = new bool[allTokens.Length];
        foreach (var (key, _) in selected)
        {
            used[key.First] = true;
            if (key.Second >= 0)
            {
                used[key.Second] = true;
            }

            if (key.Third >= 0)
            {
                used[key.Third] = true;
            }
        }

        var remap = new int[allTokens.Length];
        var tokens = new List<string>();
        for (var i = 0; i < allTokens.Length; i++)
        {
            remap[i] = used[i] ? tokens.Count : -1;
            if (used[i])
            {
                tokens.Add(allTokens[i]);
            }
        }

        var features = new NGramKey[selected.Count];
        var frequencies = new int[selected.Count];
        for (var i = 0; i < selected.Count; i++)
        {
            var key = selected[i].Key;
            features[i] = new NGramKey(
                remap[key.First],
                key.Second >= 0 ? remap[key.Second] : -1,
                key.Third >= 0 ? remap[key.Third] : -1);
            frequencies[i] = selected[i].Value;
        }

        var featurizer = new NGramFeaturizer(
            [.. tokens], features, frequencies, texts.Count, options.MaxNGramLength, options.SublinearTf, null, normalizer, tokenizer);
        if (options.Weighting != NGramWeighting.NaiveBayes || (labels is null && labelSets is null))
        {
            return featurizer;
        }

        return featurizer.WithNaiveBayesRatios(labelSets is not null
            ? NaiveBayesRatios.CountMultiLabel(featurizer, normalized, labelSets, classCount, options.NaiveBayesSmoothing, parallel)
            : NaiveBayesRatios.Count(featurizer, normalized, labels!, classCount, options.NaiveBayesSmoothing, parallel));
    }

    private static Dictionary<NGramKey, int> CountDocumentFrequencies(
        string[] normalized, Dictionary<string, int> tokenIds, ITokenizer tokenizer, int maxNGramLength, ParallelOptions parallel)
    {
        var total = new Dictionary<NGramKey, int>();
        var gate = new object();
        var chunk = Math.Max(16, normalized.Length / (Environment.ProcessorCount * 8));
        Parallel.ForEach(
            Partitioner.Create(0, normalized.Length, chunk),
            parallel,
            () => (Counts: new Dictionary<NGramKey, int>(), Seen: new HashSet<NGramKey>(), Ids: new List<int>()),
            (range, state, local) =>
            {
                var lookup = new IdVisitor(tokenIds.GetAlternateLookup<ReadOnlySpan<char>>(), local.Ids);
                var seen = new SeenVisitor(local.Seen);
                for (var d = range.Item1; d < range.Item2; d++)
                {
                    local.Ids.Clear();
                    local.Seen.Clear();
                    TokenScanner.ScanNormalized(normalized[d], tokenizer, ref lookup);
                    NGramWalker.Walk(CollectionsMarshal.AsSpan(local.Ids), maxNGramLength, ref seen);
                    foreach (var key in local.Seen)
                    {
                        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(local.Counts, key, out _);
                        count++;
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    if (total.Count == 0)
                    {
                        total = local.Counts;
                        return;
                    }

                    foreach (var (key, count) in local.Counts)
                    {
                        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(total, key, out _);
                        sum += count;
                    }
                }
            });
        return total;
    }

    // Token ids from the corpus-wide token table being fitted (-1 for a token cut from it).
    private readonly struct IdVisitor(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, List<int> ids) : ITokenVisitor
    {
        public bool Visit(ReadOnlySpan<char> token)
        {
            ids.Add(lookup.TryGetValue(token, out var id) ? id : -1);
            return true;
        }
    }

    private readonly struct SeenVisitor(HashSet<NGramKey> seen) : INGramVisitor
    {
        public void Visit(int start, NGramKey key) => seen.Add(key);
    }
}
