using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A classifier that reads token embeddings, split at the embedding lookup so that gradients can be taken with
/// respect to the embeddings themselves (integrated gradients).
/// </summary>
internal interface IEmbeddingClassifier
{
    /// <summary>Looks up the embeddings of token ids: <c>[batch, time, embedding]</c>.</summary>
    Tensor Embed(Tensor ids);

    /// <summary>Runs everything after the embedding lookup: logits <c>[batch, classes]</c>.</summary>
    Tensor ForwardEmbedded(Tensor embedded, Tensor lengths);

    /// <summary>
    /// Prepares the module for gradients with respect to its inputs, or back: cuDNN, for one, runs an RNN's backward
    /// pass only in training mode. Must not switch on any randomness (dropout).
    /// </summary>
    void SetInputGradientMode(bool on);
}
