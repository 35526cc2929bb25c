using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// Multi-head scaled dot-product self-attention (BERT's <c>attention.self</c>): each token attends
/// to the real tokens of its sequence only.
/// </summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "query")]
    private readonly Linear _query;

    [ComponentName(Name = "key")]
    private readonly Linear _key;

    [ComponentName(Name = "value")]
    private readonly Linear _value;

    private readonly long _heads;
    private readonly long _headSize;
    private readonly double _dropout;

    public BertSelfAttention(TransformerClassifierOptions options)
        : base(nameof(BertSelfAttention))
    {
        _heads = options.AttentionHeads;
        _headSize = options.HiddenSize / options.AttentionHeads;
        _dropout = options.AttentionDropout;
        _query = nn.Linear(options.HiddenSize, options.HiddenSize);
        _key = nn.Linear(options.HiddenSize, options.HiddenSize);
        _value = nn.Linear(options.HiddenSize, options.HiddenSize);
        RegisterComponents();
    }

    /// <param name="hidden">The hidden states, <c>[batch, time, hidden]</c>.</param>
    /// <param name="keyMask">Bool <c>[batch, 1, 1, time]</c>, <see langword="true"/> at real tokens.</param>
    /// <returns>The attended values, <c>[batch, time, hidden]</c>, heads concatenated.</returns>
    public override Tensor forward(Tensor hidden, Tensor keyMask)
    {
        var batch = hidden.shape[0];
        var time = hidden.shape[1];
        Tensor Heads(Linear projection) => projection.call(hidden).view(batch, time, _heads, _headSize).transpose(1, 2);

        // libtorch picks its fused kernel (on the CPU only without dropout; see
        // TransformerClassifierOptions.AttentionDropout); a padded key gets weight exactly 0, so a
        // real token's output does not depend on how much padding its batch has.
        var attended = nn.functional.scaled_dot_product_attention(
            Heads(_query), Heads(_key), Heads(_value), keyMask, training ? _dropout : 0.0);
        return attended.transpose(1, 2).reshape(batch, time, _heads * _headSize);
    }
}
