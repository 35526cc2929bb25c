using SentimentKit.Devices;
using SentimentKit.Modeling;

namespace SentimentKit.Training;

/// <summary>How a model family attributes a prediction to the elements of one input (token positions or features).</summary>
/// <typeparam name="TInput">What one example is for the module.</typeparam>
internal interface IAttributionMethod<TInput>
{
    /// <summary>One attribution per element of <paramref name="input"/> toward the log-probability of class <paramref name="target"/>.</summary>
    float[] Attribute(ITextClassifierModule<TInput> module, ComputeDevice device, TInput input, int target);
}
