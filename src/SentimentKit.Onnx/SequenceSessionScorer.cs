using Microsoft.ML.OnnxRuntime;

namespace SentimentKit.Onnx;

/// <summary>
/// A graph over id sequences (<see cref="SequenceGraphParts"/>: the recurrent models and the transformer) in ONNX
/// Runtime: texts to ids as the TorchSharp runtime prepares them (the family's text side, given as a function),
/// batches of similar length right-padded with the pad id, one <see cref="InferenceSession"/> run per batch. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is safe for concurrent use, so this scorer is too.
/// </summary>
internal sealed class SequenceSessionScorer : ITextScorer
{
    private static readonly string[] InputNames = [SequenceGraphParts.IdsInput, SequenceGraphParts.LengthsInput];
    private static readonly string[] OutputNames = [OnnxGraphBuilder.LogitsOutput];
    private readonly InferenceSession _session;
    private readonly Func<string, int[]> _prepare;
    private readonly long _padId;
    private readonly int _classes;

    /// <param name="model">The ONNX model.</param>
    /// <param name="prepare">The ids of one text, at least one, as the TorchSharp runtime feeds them; safe for concurrent use.</param>
    /// <param name="padId">The id the batches are padded with.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="options">The session's settings.</param>
    public SequenceSessionScorer(byte[] model, Func<string, int[]> prepare, long padId, int classes, OnnxRuntimeOptions options)
    {
        _prepare = prepare;
        _padId = padId;
        _classes = classes;
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (options.IntraOpThreads is { } threads)
        {
            sessionOptions.IntraOpNumThreads = threads;
        }

        _session = new InferenceSession(model, sessionOptions);
    }

    public bool CanExplain => false;

    /// <summary>The ids one text is fed as (before padding).</summary>
    internal int[] Prepare(string text) => _prepare(text);

    public float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        var ids = new int[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => ids[i] = _prepare(texts[i]));
        var order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i].Length).ToArray();
        var logits = new float[texts.Count * _classes];
        using var runOptions = new RunOptions();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
            var time = ids[batch[^1]].Length;
            var flat = new long[batch.Length * time];
            Array.Fill(flat, _padId);
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
        throw new NotSupportedException("Explanations of the recurrent models and the transformer need gradients: load the model with the TorchSharp runtime (SentimentPredictor) to explain it.");

    public void Dispose() => _session.Dispose();
}
