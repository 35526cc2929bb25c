using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// What BERT calls <c>attention.output</c> and <c>output</c>: a projection, dropout, the residual
/// connection and layer normalization after it (post-LN).
/// </summary>
internal sealed class BertAddNorm : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "dense")]
    private readonly Linear _dense;

    [ComponentName(Name = "LayerNorm")]
    private readonly LayerNorm _layerNorm;

    [ComponentName(Name = "dropout")]
    private readonly Dropout _dropout;

    public BertAddNorm(long inputSize, TransformerClassifierOptions options)
        : base(nameof(BertAddNorm))
    {
        _dense = nn.Linear(inputSize, options.HiddenSize);
        _layerNorm = nn.LayerNorm(options.HiddenSize, eps: options.LayerNormEpsilon);
        _dropout = nn.Dropout(options.HiddenDropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input, Tensor residual) =>
        _layerNorm.call(_dropout.call(_dense.call(input)) + residual);
}
