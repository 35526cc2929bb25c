using SentimentKit.Devices;
using SentimentKit.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>How a model family attributes a prediction to the elements of one input (token positions or features).</summary>
/// <typeparam name="TInput">What one example is for the module.</typeparam>
internal interface IAttributionMethod<TInput>
{
    /// <summary>
    /// One attribution per element of <paramref name="input"/> toward the log-probability of class <paramref name="target"/>:
    /// its log-softmax, or for a multi-label model (<paramref name="multiLabel"/>) its own log-sigmoid.
    /// </summary>
    float[] Attribute(ITextClassifierModule<TInput> module, ComputeDevice device, TInput input, int target, bool multiLabel);
}

/// <summary>What attributions explain: the log-probability of each class, by task.</summary>
internal static class AttributionTarget
{
    /// <summary>Log-softmax over the classes, or each label's own log-sigmoid (a multi-label model's labels do not compete).</summary>
    public static Tensor LogProbabilities(Tensor logits, bool multiLabel) =>
        multiLabel ? nn.functional.logsigmoid(logits) : logits.log_softmax(1);
}
