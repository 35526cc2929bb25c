using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A text classifier module as a trainer drives it: batches in, logits out. Training code uses
/// this and <see cref="ITextClassifierModule{TInput}"/> only, so it works the same for every model.
/// </summary>
public interface ITextClassifierModule : IDisposable
{
    /// <summary>Gets the number of classes, the width of the logits.</summary>
    int ClassCount { get; }

    /// <summary>
    /// Gets the module itself, for what every TorchSharp module offers: <c>parameters()</c>,
    /// <c>train()</c>/<c>eval()</c>, moving to a device, and the state dict.
    /// </summary>
    nn.Module TorchModule { get; }

    /// <summary>Computes the class logits of a batch.</summary>
    /// <param name="batch">A batch made by <see cref="ITextClassifierModule{TInput}.CreateBatch"/> of the same model,
    /// on the model's device.</param>
    /// <returns>The logits, <c>[batch.Count, ClassCount]</c>, in the caller's dispose scope.</returns>
    /// <exception cref="ArgumentException">The batch is of a kind that the model does not read.</exception>
    Tensor ForwardBatch(ModelBatch batch);
}
