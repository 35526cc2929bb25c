using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>BERT's <c>attention</c> block: self-attention, then projection, residual and layer normalization.</summary>
internal sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "self")]
    private readonly BertSelfAttention _self;

    [ComponentName(Name = "output")]
    private readonly BertAddNorm _output;

    public BertAttention(TransformerClassifierOptions options)
        : base(nameof(BertAttention))
    {
        _self = new BertSelfAttention(options);
        _output = new BertAddNorm(options.HiddenSize, options);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keyMask) => _output.call(_self.call(hidden, keyMask), hidden);
}
