using System.Diagnostics;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Sequences;
using SentimentKit.Tests.Onnx;
using SentimentKit.Text;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Modeling;

public sealed class BertOnnxImportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_ExporterLayout_InfersTheShapeAndReproducesTheSourceEncoder()
    {
        torch.manual_seed(11);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, vocab) = WriteFiles(source);

        var encoder = BertOnnxImport.Read(onnx, vocab);
        using var imported = encoder.CreateClassifier(classCount: 3);

        var options = encoder.CreateOptions();
        (options.VocabularySize, options.HiddenSize, options.Layers, options.AttentionHeads, options.IntermediateSize, options.MaxPositions, options.TypeVocabularySize)
            .Should().Be((40, 8, 2, 2, 16, 24, 2));
        options.LayerNormEpsilon.Should().BeApproximately(1e-12, 1e-18);
        (options.PadId, options.UnkId).Should().Be((0, 1));
        encoder.TensorNames.Should().HaveCount(5 + (2 * 16));
        source.eval();
        imported.eval();
        using var scope = torch.NewDisposeScope();
        using var batch = (PaddedBatch)imported.CreateBatch([[2, 3, 4, 5, 6], [7, 8]]);
        MaxAbsDifference(source.EncodeHidden(batch.Ids, batch.Lengths), imported.EncodeHidden(batch.Ids, batch.Lengths)).Should().Be(0);
    }

    [Fact]
    public void Read_ExporterLayout_ImportedEncoderMatchesOnnxRuntime()
    {
        torch.manual_seed(12);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, vocab) = WriteFiles(source);
        using var imported = BertOnnxImport.Read(onnx, vocab).CreateClassifier();
        imported.eval();
        using var session = new OnnxRuntimeSession(File.ReadAllBytes(onnx));
        int[][] texts = [[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3], [2, 20, 21, 3], [2, 30, 3]];

        var delta = MaxDeltaAgainstRuntime(imported, session, texts);

        delta.Should().BeLessThan(1e-5);
    }

    [Fact]
    public void Read_MatMulWeightsThatKeptTheirNames_AreTransposedToo()
    {
        torch.manual_seed(18);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, vocab) = WriteFiles(source, namedWeights: true);

        using var imported = BertOnnxImport.Read(onnx, vocab).CreateClassifier();

        // The query weight is square: only the values tell its orientation.
        var name = "bert.encoder.layer.0.attention.self.query.weight";
        MaxAbsDifference(source.get_parameter(name)!, imported.get_parameter(name)!).Should().Be(0);
    }

    [Fact]
    public void Read_HeadsHiddenFromTheGraph_FailsNamingTheOptionAndSucceedsWithIt()
    {
        torch.manual_seed(13);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, vocab) = WriteFiles(source, hideHeads: true);

        var act = () => BertOnnxImport.Read(onnx, vocab);

        act.Should().Throw<PretrainedModelException>().WithMessage("*number of attention heads*BertOnnxImportOptions.AttentionHeads*");
        BertOnnxImport.Read(onnx, vocab, new BertOnnxImportOptions { AttentionHeads = 2 }).CreateOptions().AttentionHeads.Should().Be(2);
    }

    [Fact]
    public void Read_BiasWithoutItsName_FailsNamingTheMissingTensorsAndTheUnnamedMatMul()
    {
        torch.manual_seed(14);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, vocab) = WriteFiles(source, anonymousBias: "encoder.layer.1.output.dense.bias");

        var act = () => BertOnnxImport.Read(onnx, vocab);

        act.Should().Throw<PretrainedModelException>()
            .WithMessage("*2 encoder tensors do not match: missing tensor encoder.layer.1.output.dense.weight; missing tensor encoder.layer.1.output.dense.bias*Unknown layout: MatMul*adds no named bias*");
    }

    [Fact]
    public void Read_MissingEmbeddings_FailsNamingTheTensor()
    {
        torch.manual_seed(15);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, vocab) = WriteFiles(source, omit: "embeddings.position_embeddings.weight");

        var act = () => BertOnnxImport.Read(onnx, vocab);

        act.Should().Throw<PretrainedModelException>().WithMessage("*missing tensor embeddings.position_embeddings.weight*");
    }

    [Fact]
    public void Read_VocabularyOfAnotherSize_FailsNamingBothSizes()
    {
        torch.manual_seed(16);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, _) = WriteFiles(source);
        var vocab = _temp.File("short-vocab.txt");
        File.WriteAllLines(vocab, Tokens(39));

        var act = () => BertOnnxImport.Read(onnx, vocab);

        act.Should().Throw<PretrainedModelException>().WithMessage("*vocabulary has 39 tokens but embeddings.word_embeddings.weight has 40 rows*");
    }

    [Fact]
    public void Read_NotAnOnnxFile_ThrowsPretrainedModelExceptionWithTheCodecsReason()
    {
        var onnx = _temp.File("model.onnx");
        File.WriteAllBytes(onnx, [0x0A, 0xFF, 0xFF, 0xFF]);
        var vocab = _temp.File("vocab.txt");
        File.WriteAllLines(vocab, Tokens(40));

        var act = () => BertOnnxImport.Read(onnx, vocab);

        act.Should().Throw<PretrainedModelException>().WithMessage("*not a readable ONNX model*").WithInnerException<OnnxFormatException>();
    }

    [Fact]
    public void CreateClassifier_OptionsOfAnotherShape_ThrowsArgumentException()
    {
        torch.manual_seed(17);
        using var source = new TransformerClassifier(TransformerClassifierTests.Tiny());
        var (onnx, vocab) = WriteFiles(source);
        var encoder = BertOnnxImport.Read(onnx, vocab);
        var options = encoder.CreateOptions();
        options.AttentionHeads = 4;

        var act = () => encoder.CreateClassifier(options);

        act.Should().Throw<ArgumentException>().WithMessage("*AttentionHeads is 4, the encoder's is 2*");
    }

    [SkippableFact]
    public void Read_MiniLm_InfersAllMiniLmL6V2AndMatchesOnnxRuntime()
    {
        Skip.If(MiniLmFiles.ModelPath is null, MiniLmFiles.SkipReason);
        var watch = Stopwatch.StartNew();
        var encoder = BertOnnxImport.Read(MiniLmFiles.ModelPath!, MiniLmFiles.VocabularyPath!);
        using var model = encoder.CreateClassifier();
        var loadSeconds = watch.Elapsed.TotalSeconds;
        model.eval();
        var text = encoder.CreateTextEncoder();
        string[] reviews =
        [
            "A clichéd, UNWATCHABLE film!",
            "I went in expecting nothing and came out delighted: the cast is superb, the script sharp, and the score (by a newcomer) is memorable.<br /><br />9/10.",
            string.Join(' ', Enumerable.Repeat("The plot meanders for a while, yet the performances hold it together; by the final act I was moved, though the pacing still drags in places and the dialogue can be stilted.", 10)),
        ];
        var ids = reviews.Select(text.EncodeIds).ToArray();
        using var session = new OnnxRuntimeSession(File.ReadAllBytes(MiniLmFiles.ModelPath!));

        var delta = MaxDeltaAgainstRuntime(model, session, ids);

        var options = encoder.CreateOptions();
        (options.VocabularySize, options.HiddenSize, options.Layers, options.AttentionHeads, options.IntermediateSize, options.MaxPositions, options.TypeVocabularySize)
            .Should().Be((30522, 384, 6, 12, 1536, 512, 2));
        options.LayerNormEpsilon.Should().BeApproximately(1e-12, 1e-18);
        (options.PadId, options.UnkId).Should().Be((0, 100));
        ids.Select(i => i.Length).Max().Should().BeGreaterThan(300);
        output.WriteLine(FormattableString.Invariant($"MiniLM import: {loadSeconds:F2} s (read ONNX + vocab, build and load the model); max |Δ| of last_hidden_state vs ONNX Runtime over {ids.Sum(i => i.Length)} tokens of {ids.Length} texts (lengths {string.Join(", ", ids.Select(i => i.Length))}), batched and padded here: {delta:E2}"));
        delta.Should().BeLessThanOrEqualTo(1e-4);
    }

    /// <summary>Runs each text alone in ONNX Runtime and all of them as one padded batch here; the largest difference over real tokens.</summary>
    private static double MaxDeltaAgainstRuntime(TransformerClassifier model, OnnxRuntimeSession session, int[][] texts)
    {
        using var scope = torch.NewDisposeScope();
        using var batch = (PaddedBatch)model.CreateBatch(texts);
        var hidden = model.EncodeHidden(batch.Ids, batch.Lengths);
        var delta = 0.0;
        for (var i = 0; i < texts.Length; i++)
        {
            var length = texts[i].Length;
            var ids = texts[i].Select(id => (long)id).ToArray();
            var result = session.Run(
                ("input_ids", OnnxRuntimeSession.Int64s(ids, 1, length)),
                ("attention_mask", OnnxRuntimeSession.Int64s(Enumerable.Repeat(1L, length).ToArray(), 1, length)),
                ("token_type_ids", OnnxRuntimeSession.Int64s(new long[length], 1, length)))["last_hidden_state"];
            var expected = torch.tensor(result.Values, result.Shape);
            delta = Math.Max(delta, MaxAbsDifference(expected[0], hidden[i].narrow(0, 0, length)));
        }

        return delta;
    }

    private static double MaxAbsDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    private static IEnumerable<string> Tokens(int count) =>
        new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]" }.Concat(Enumerable.Range(4, count - 4).Select(i => $"t{i}"));

    private (string Onnx, string Vocab) WriteFiles(TransformerClassifier source, bool hideHeads = false, string? omit = null, string? anonymousBias = null, bool namedWeights = false)
    {
        var onnx = _temp.File("model.onnx");
        File.WriteAllBytes(onnx, TinyBertOnnx.Create(source, hideHeads, omit, anonymousBias, namedWeights));
        var vocab = _temp.File("vocab.txt");
        File.WriteAllLines(vocab, Tokens(source.Options.VocabularySize));
        return (onnx, vocab);
    }
}
