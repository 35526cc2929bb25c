using Microsoft.ML.OnnxRuntime;

namespace SentimentKit.Tests.Onnx;

/// <summary>Runs an ONNX model in ONNX Runtime on the CPU and copies its outputs out.</summary>
internal sealed class OnnxRuntimeSession : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRuntimeSession(byte[] model)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        _session = new InferenceSession(model, options);
    }

    public Dictionary<string, (float[] Values, long[] Shape)> Run(params (string Name, OrtValue Value)[] inputs)
    {
        try
        {
            var outputNames = _session.OutputNames;
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), outputNames);
            var results = new Dictionary<string, (float[] Values, long[] Shape)>(StringComparer.Ordinal);
            for (var i = 0; i < outputNames.Count; i++)
            {
                var value = outputs.ElementAt(i);
                results[outputNames[i]] = (value.GetTensorDataAsSpan<float>().ToArray(), value.GetTensorTypeAndShape().Shape);
            }

            return results;
        }
        finally
        {
            foreach (var (_, value) in inputs)
            {
                value.Dispose();
            }
        }
    }

    public static OrtValue Int64s(long[] values, params long[] shape) => OrtValue.CreateTensorValueFromMemory(values, shape);

    public static OrtValue Floats(float[] values, params long[] shape) => OrtValue.CreateTensorValueFromMemory(values, shape);

    public void Dispose() => _session.Dispose();
}
