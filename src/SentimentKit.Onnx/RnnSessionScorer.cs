using Microsoft.ML.OnnxRuntime;
using SentimentKit.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// A recurrent model in ONNX Runtime: texts to ids as the TorchSharp runtime prepares them (the same encoder,
/// token limit and truncation, one unknown id for an empty text), batches of similar length right-padded with the
/// pad id, one <see cref="InferenceSession"/> run per batch. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is safe for concurrent use, so this scorer is too.
/// </summary>
internal sealed class RnnSessionScorer : ITextScorer
{
    private static readonly string[] InputNames = [RnnOnnxGraph.IdsInput, RnnOnnxGraph.LengthsInput];
    private static readonly string[] OutputNames = [OnnxGraphBuilder.LogitsOutput];
    private readonly InferenceSession _session;
    private readonly TextEncoder _encoder;
    private readonly RnnManifestSection _section;
    private readonly int _classes;

    public RnnSessionScorer(byte[] model, TextEncoder encoder, RnnManifestSection section, int classes, OnnxRuntimeOptions options)
    {
        _encoder = encoder;
        _section = section;
        _classes = classes;
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (options.IntraOpThreads is { } threads)
        {
            sessionOptions.IntraOpNumThreads = threads;
        }

        _session = new InferenceSession(model, sessionOptions);
    }

    public bool CanExplain => false;

    public float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        var ids = new int[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => ids[i] = _section.Prepare(_encoder, texts[i]));
        var order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i].Length).ToArray();
        var logits = new float[texts.Count * _classes];
        using var runOptions = new RunOptions();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
            var time = ids[batch[^1]].Length;
            var flat = new long[batch.Length * time];
            Array.Fill(flat, _section.PadId);
            var lengths = new long[batch.Length];
            for (var k = 0; k < batch.Length; k++)
            {
                var sequence = ids[batch[k]];
                lengths[k] = sequence.Length;
                for (var t = 0; t < sequence.Length; t++)
                {
                    flat[(k * time) + t] = sequence[t];
                }
            }

            using var idsValue = OrtValue.CreateTensorValueFromMemory(flat, [batch.Length, time]);
            using var lengthsValue = OrtValue.CreateTensorValueFromMemory(lengths, [batch.Length]);
            using var outputs = _session.Run(runOptions, InputNames, [idsValue, lengthsValue], OutputNames);
            var values = outputs[0].GetTensorDataAsSpan<float>();
            for (var k = 0; k < batch.Length; k++)
            {
                values.Slice(k * _classes, _classes).CopyTo(logits.AsSpan(batch[k] * _classes, _classes));
            }
        }

        return logits;
    }

    public (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target, bool multiLabel) =>
        throw new NotSupportedException("Explanations of the recurrent models need gradients: load the model with the TorchSharp runtime (SentimentPredictor) to explain it.");

    public void Dispose() => _session.Dispose();
}
