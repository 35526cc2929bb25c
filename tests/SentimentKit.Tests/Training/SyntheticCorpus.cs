using SentimentKit.Modeling;
using SentimentKit.Text;
using TorchSharp;

namespace SentimentKit.Tests.Training;

/// <summary>
/// A tiny seeded corpus of token-id "reviews": filler tokens with one or two sentiment tokens
/// (ids 2-5 positive, 6-9 negative) somewhere inside. A model that learns the sentiment tokens
/// scores 100%.
/// </summary>
internal static class SyntheticCorpus
{
    public const int VocabularySize = 40;
    public static readonly string[] Labels = ["neg", "pos"];

    public static (int[][] Inputs, int[] Labels) Make(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new int[count][];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            var length = random.Next(3, 14);
            var tokens = new int[length];
            for (var t = 0; t < length; t++)
            {
                tokens[t] = random.Next(10, VocabularySize);
            }

            var cues = random.Next(1, 3);
            for (var c = 0; c < cues; c++)
            {
                tokens[random.Next(length)] = label == 1 ? random.Next(2, 6) : random.Next(6, 10);
            }

            inputs[i] = tokens;
            labels[i] = label;
        }

        return (inputs, labels);
    }

    /// <summary>The same documents as bags of token ids with L2-normalized counts, for the baseline.</summary>
    public static SparseDocument[] AsBags(int[][] inputs) =>
        [.. inputs.Select(tokens =>
        {
            var groups = tokens.GroupBy(t => t).OrderBy(g => g.Key).ToArray();
            var norm = MathF.Sqrt(groups.Sum(g => (float)g.Count() * g.Count()));
            return new SparseDocument([.. groups.Select(g => g.Key)], [.. groups.Select(g => g.Count() / norm)]);
        })];

    public static RnnClassifier SmallRnn(int seed, double dropout = 0.0, RnnCellType cell = RnnCellType.Lstm)
    {
        torch.manual_seed(seed);
        return new RnnClassifier(new RnnClassifierOptions
        {
            VocabularySize = VocabularySize,
            EmbeddingSize = 16,
            HiddenSize = 16,
            Layers = 1,
            Bidirectional = true,
            HeadHiddenSize = 16,
            Dropout = dropout,
            HeadDropout = dropout,
            CellType = cell,
        });
    }

    public static BagOfNgramsClassifier SmallBaseline(int seed)
    {
        torch.manual_seed(seed);
        return new BagOfNgramsClassifier(VocabularySize, 2);
    }

    /// <summary>A SHA-256 over every parameter and buffer, in name order.</summary>
    public static string WeightHash(ITextClassifierModule model)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in model.TorchModule.state_dict().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            using var cpu = tensor.detach().cpu().contiguous();
            sha.AppendData(cpu.bytes);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

/// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread.</summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
