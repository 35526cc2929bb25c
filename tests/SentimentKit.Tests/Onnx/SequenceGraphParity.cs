using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Onnx;

/// <summary>A module over padded ids (RNN, transformer) against its exported graph in ONNX Runtime.</summary>
internal static class SequenceGraphParity
{
    /// <summary>
    /// Runs every batch through the module (evaluation mode, no gradients) and through the graph built from its state
    /// dict; the largest differences of the logits and of the probabilities at <paramref name="temperature"/>.
    /// </summary>
    public static (double Logits, double Probabilities) Compare<TModule>(
        TModule model, Func<Dictionary<string, FloatTensor>, OnnxModel> build, double temperature, IEnumerable<int[][]> batches)
        where TModule : nn.Module<Tensor, Tensor, Tensor>, ITextClassifierModule<int[]>
    {
        model.eval();
        var weights = TorchStateDict.Read(TorchFixtures.SaveWeights(model)).ToFloatTensors();
        using var session = new OnnxRuntimeSession(build(weights).ToByteArray());
        double worstLogits = 0, worstProbabilities = 0;
        foreach (var texts in batches)
        {
            using var scope = torch.NewDisposeScope();
            using var batch = (PaddedBatch)model.CreateBatch(texts);
            float[] expectedLogits, expectedProbabilities;
            using (torch.no_grad())
            {
                var logits = model.forward(batch.Ids, batch.Lengths);
                expectedLogits = logits.data<float>().ToArray();
                expectedProbabilities = (logits / temperature).softmax(1).data<float>().ToArray();
            }

            var outputs = session.Run(
                (SequenceGraphParts.IdsInput, OnnxRuntimeSession.Int64s(batch.Ids.data<long>().ToArray(), batch.Ids.shape)),
                (SequenceGraphParts.LengthsInput, OnnxRuntimeSession.Int64s(batch.Lengths.data<long>().ToArray(), batch.Lengths.shape)));

            outputs["logits"].Shape.Should().Equal(texts.Length, model.ClassCount);
            worstLogits = Math.Max(worstLogits, MaxDifference(outputs["logits"].Values, expectedLogits));
            worstProbabilities = Math.Max(worstProbabilities, MaxDifference(outputs["probabilities"].Values, expectedProbabilities));
        }

        return (worstLogits, worstProbabilities);
    }

    public static double MaxDifference(float[] actual, float[] expected)
    {
        actual.Should().HaveSameCount(expected);
        double worst = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            // NaN in either would make every comparison false: count it as infinitely far.
            var difference = Math.Abs((double)actual[i] - expected[i]);
            worst = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(worst, difference);
        }

        return worst;
    }
}
