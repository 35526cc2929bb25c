using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A text classifier module that knows how to batch its own kind of input: id sequences
/// (<c>int[]</c>) for <see cref="RnnClassifier"/>, sparse documents for <see cref="BagOfNgramsClassifier"/>.
/// </summary>
/// <typeparam name="TInput">The kind of example the model reads.</typeparam>
public interface ITextClassifierModule<TInput> : ITextClassifierModule
{
    /// <summary>
    /// Gets the size of an example as a batch will hold it (tokens after truncation, or features),
    /// which is what a length-bucketed sampler sorts by.
    /// </summary>
    /// <param name="input">The example.</param>
    /// <returns>The size; at least 0.</returns>
    int GetLength(TInput input);

    /// <summary>Builds a batch of examples for <see cref="ITextClassifierModule.ForwardBatch"/>.</summary>
    /// <param name="inputs">The examples; at least one.</param>
    /// <param name="labels">The class index of each example, or <see langword="null"/>.</param>
    /// <param name="device">The device to put the batch on; the CPU when <see langword="null"/>.</param>
    /// <returns>The batch; the caller disposes it.</returns>
    ModelBatch CreateBatch(IReadOnlyList<TInput> inputs, IReadOnlyList<int>? labels = null, Device? device = null);
}
