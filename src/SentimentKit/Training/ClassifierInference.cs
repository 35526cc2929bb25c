using SentimentKit.Devices;
using SentimentKit.Modeling;
using TorchSharp;

namespace SentimentKit.Training;

/// <summary>Batched, no-grad logits in input order, batches built from examples of similar length.</summary>
internal static class ClassifierInference
{
    public static float[] PredictLogits<TInput>(ITextClassifierModule<TInput> model, IReadOnlyList<TInput> inputs, ComputeDevice device, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var classes = model.NumClasses;
        var logits = new float[inputs.Count * classes];
        var order = Enumerable.Range(0, inputs.Count).OrderBy(i => model.GetLength(inputs[i])).ToArray();
        var module = model.TorchModule;
        var wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                using var batch = model.CreateBatch(indices.Select(i => inputs[i]).ToArray(), null, device.TorchDevice);
                var values = model.ForwardBatch(batch).to(torch.float32).cpu().data<float>().ToArray();
                for (var k = 0; k < indices.Length; k++)
                {
                    Array.Copy(values, k * classes, logits, indices[k] * classes, classes);
                }
            }
        }
        finally
        {
            if (wasTraining)
            {
                module.train();
            }
        }

        return logits;
    }
}
