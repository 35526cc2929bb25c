using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// BERT's input embeddings: token + position + token type (type 0 for a single text), layer
/// normalization, dropout. Split in two (<see cref="EmbedWords"/>, <see cref="Complete"/>) so that
/// attributions can differentiate with respect to the token embeddings alone.
/// </summary>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "word_embeddings")]
    private readonly Embedding _words;

    [ComponentName(Name = "position_embeddings")]
    private readonly Embedding _positions;

    [ComponentName(Name = "token_type_embeddings")]
    private readonly Embedding _tokenTypes;

    [ComponentName(Name = "LayerNorm")]
    private readonly LayerNorm _layerNorm;

    [ComponentName(Name = "dropout")]
    private readonly Dropout _dropout;

    public BertEmbeddings(TransformerClassifierOptions options)
        : base(nameof(BertEmbeddings))
    {
        _words = nn.Embedding(options.VocabularySize, options.HiddenSize, padding_idx: options.PadId);
        _positions = nn.Embedding(options.MaxPositions, options.HiddenSize);
        _tokenTypes = nn.Embedding(options.TypeVocabularySize, options.HiddenSize);
        _layerNorm = nn.LayerNorm(options.HiddenSize, eps: options.LayerNormEpsilon);
        _dropout = nn.Dropout(options.HiddenDropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor ids) => Complete(EmbedWords(ids));

    /// <summary>Looks up the token embeddings: <c>[batch, time, hidden]</c>.</summary>
    public Tensor EmbedWords(Tensor ids) => _words.call(ids);

    /// <summary>Adds the position and token-type embeddings to token embeddings, then normalizes.</summary>
    public Tensor Complete(Tensor wordEmbeddings)
    {
        var time = wordEmbeddings.shape[1];

        // Positions 0..time-1 and token type 0 are the same for every row: slice the tables
        // instead of building index tensors.
        var positions = _positions.weight!.narrow(0, 0, time).unsqueeze(0);
        var tokenType = _tokenTypes.weight![0];
        return _dropout.call(_layerNorm.call(wordEmbeddings + positions + tokenType));
    }
}
