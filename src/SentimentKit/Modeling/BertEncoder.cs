using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A BERT encoder without its pooler: <c>embeddings.*</c> and <c>encoder.layer.{i}.*</c>, named
/// as in Hugging Face's <c>BertModel</c>.
/// </summary>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "embeddings")]
    private readonly BertEmbeddings _embeddings;

    [ComponentName(Name = "encoder")]
    private readonly BertLayerStack _encoder;

    public BertEncoder(TransformerClassifierOptions options)
        : base(nameof(BertEncoder))
    {
        _embeddings = new BertEmbeddings(options);
        _encoder = new BertLayerStack(options);
        RegisterComponents();
    }

    /// <summary>Computes the last hidden states, <c>[batch, time, hidden]</c>.</summary>
    /// <param name="ids">The ids, int64 <c>[batch, time]</c>.</param>
    /// <param name="mask">Bool <c>[batch, time]</c>, <see langword="true"/> at real tokens.</param>
    public override Tensor forward(Tensor ids, Tensor mask) => ForwardEmbedded(EmbedWords(ids), mask);

    /// <summary>Looks up the token embeddings: <c>[batch, time, hidden]</c>.</summary>
    public Tensor EmbedWords(Tensor ids) => _embeddings.EmbedWords(ids);

    /// <summary>Runs everything after the token-embedding lookup.</summary>
    public Tensor ForwardEmbedded(Tensor wordEmbeddings, Tensor mask)
    {
        var keyMask = mask.unsqueeze(1).unsqueeze(2);
        return _encoder.call(_embeddings.Complete(wordEmbeddings), keyMask);
    }
}
