using SentimentKit.Modeling;
using SentimentKit.Tests.Modeling;
using TorchSharp;

namespace SentimentKit.Tests.Facade;

/// <summary>
/// A tiny random BERT encoder written as ONNX the way PyTorch exports one (<see cref="TinyBertOnnx"/>), with an uncased
/// vocabulary of the words of <see cref="TinyReviews"/> — except "wonderful", which is only there as "wonder" + "##ful",
/// so that explanations must merge pieces. Written once per test run into a temporary folder.
/// </summary>
internal static class TinyTransformer
{
    public const string SplitWord = "wonderful";

    private static readonly Lazy<(string Onnx, string Vocab)> Files = new(Write);

    public static string EncoderPath => Files.Value.Onnx;

    public static string VocabularyPath => Files.Value.Vocab;

    public static IReadOnlyList<string> Tokens { get; } =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "!", "wonder", "##ful",
        .. TinyReviews.Positive.Concat(TinyReviews.Negative).Concat(TinyReviews.Filler).Where(w => w != SplitWord).Distinct(),
    ];

    /// <summary>Points options at the tiny encoder, with rates that move a random encoder in a few steps.</summary>
    public static void Configure(TransformerModelOptions options)
    {
        options.EncoderPath = EncoderPath;
        options.VocabularyPath = VocabularyPath;
        options.MaxTokens = 32;
        options.EncoderLearningRate = 3e-3;
        options.HiddenDropout = 0;
        options.HeadDropout = 0;
    }

    /// <summary>Copies the encoder's two files into <paramref name="folder"/>.</summary>
    public static (string Onnx, string Vocab) CopyTo(string folder)
    {
        var onnx = Path.Combine(folder, "model.onnx");
        var vocab = Path.Combine(folder, "vocab.txt");
        File.Copy(EncoderPath, onnx, overwrite: true);
        File.Copy(VocabularyPath, vocab, overwrite: true);
        return (onnx, vocab);
    }

    private static (string, string) Write()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sentimentkit-tiny-bert-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        torch.manual_seed(3);
        using var source = new TransformerClassifier(new TransformerClassifierOptions
        {
            VocabularySize = Tokens.Count,
            HiddenSize = 16,
            Layers = 1,
            AttentionHeads = 2,
            IntermediateSize = 32,
            MaxPositions = 64,
            UnkId = 1,
        });
        var onnx = Path.Combine(folder, "model.onnx");
        var vocab = Path.Combine(folder, "vocab.txt");
        File.WriteAllBytes(onnx, TinyBertOnnx.Create(source));
        File.WriteAllLines(vocab, Tokens);
        return (onnx, vocab);
    }
}
