using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SentimentKit.Text;

/// <summary>
/// Counts tokens over a corpus in parallel, without a string per token occurrence. A null normalizer means
/// the texts are already normalized.
/// </summary>
internal static class TokenCounter
{
    public static Dictionary<string, long> Count(
        IReadOnlyList<string> texts, TextNormalizer? normalizer, ITokenizer tokenizer, int? maxDegreeOfParallelism)
    {
        // Checked up front: a throw inside the parallel loop would surface as an AggregateException.
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} of the corpus is null.", nameof(texts));
            }
        }

        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        var gate = new object();
        var chunk = Math.Max(64, texts.Count / (Environment.ProcessorCount * 8));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.ForEach(
            Partitioner.Create(0, texts.Count, chunk),
            parallel,
            () => new Dictionary<string, long>(StringComparer.Ordinal),
            (range, state, local) =>
            {
                var lookup = local.GetAlternateLookup<ReadOnlySpan<char>>();
                var fused = normalizer is not null && tokenizer is WordTokenizer;
                var buffer = Array.Empty<char>();
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var text = texts[i];
                    ReadOnlySpan<char> normalized;
                    if (fused && buffer.Length < text.Length)
                    {
                        buffer = new char[Math.Max(text.Length, buffer.Length * 2)];
                    }

                    // Same tokens as normalizing first, without a normalized string per ASCII text.
                    if (fused && normalizer!.TryPrepareForWordTokens(text, buffer))
                    {
                        normalized = buffer.AsSpan(0, text.Length);
                    }
                    else
                    {
                        normalized = normalizer is null ? text : normalizer.Normalize(text);
                    }

                    var position = 0;
                    while (tokenizer.TryReadToken(normalized, ref position, out var start, out var length))
                    {
                        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, normalized.Slice(start, length), out _);
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
                        foreach (var (token, count) in local)
                        {
                            total[token] = count;
                        }

                        return;
                    }

                    foreach (var (token, count) in local)
                    {
                        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(total, token, out _);
                        sum += count;
                    }
                }
            });
        return total;
    }
}
