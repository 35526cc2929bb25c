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

    /// <summary>
    /// Gets the name and shape of every encoder parameter for a configuration, without building
    /// the module, so that an importer can check a file before it allocates the model.
    /// </summary>
    public static Dictionary<string, long[]> ParameterShapes(TransformerClassifierOptions options)
    {
        long hidden = options.HiddenSize;
        long intermediate = options.IntermediateSize;
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            ["embeddings.word_embeddings.weight"] = [options.VocabularySize, hidden],
            ["embeddings.position_embeddings.weight"] = [options.MaxPositions, hidden],
            ["embeddings.token_type_embeddings.weight"] = [options.TypeVocabularySize, hidden],
            ["embeddings.LayerNorm.weight"] = [hidden],
            ["embeddings.LayerNorm.bias"] = [hidden],
        };
        for (var i = 0; i < options.Layers; i++)
        {
            var layer = $"encoder.layer.{i}.";
            foreach (var projection in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                shapes[layer + projection + ".weight"] = [hidden, hidden];
                shapes[layer + projection + ".bias"] = [hidden];
            }

            shapes[layer + "intermediate.dense.weight"] = [intermediate, hidden];
            shapes[layer + "intermediate.dense.bias"] = [intermediate];
            shapes[layer + "output.dense.weight"] = [hidden, intermediate];
            shapes[layer + "output.dense.bias"] = [hidden];
            foreach (var norm in new[] { "attention.output.LayerNorm", "output.LayerNorm" })
            {
                shapes[layer + norm + ".weight"] = [hidden];
                shapes[layer + norm + ".bias"] = [hidden];
            }
        }

        return shapes;
    }

    /// <summary>Looks up the token embeddings: <c>[batch, time, hidden]</c>.</summary>
    public Tensor EmbedWords(Tensor ids) => _embeddings.EmbedWords(ids);

    /// <summary>Runs everything after the token-embedding lookup.</summary>
    public Tensor ForwardEmbedded(Tensor wordEmbeddings, Tensor mask)
    {
        var keyMask = mask.unsqueeze(1).unsqueeze(2);
        return _encoder.call(_embeddings.Complete(wordEmbeddings), keyMask);
    }
}
