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
                var visitor = new CountVisitor(local.GetAlternateLookup<ReadOnlySpan<char>>());
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    if (normalizer is null)
                    {
                        TokenScanner.ScanNormalized(texts[i], tokenizer, ref visitor);
                    }
                    else
                    {
                        TokenScanner.Scan(texts[i], normalizer, tokenizer, ref visitor);
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

    private readonly struct CountVisitor(Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> lookup) : ITokenVisitor
    {
        public bool Visit(ReadOnlySpan<char> token)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, token, out _);
            count++;
            return true;
        }
    }
}
