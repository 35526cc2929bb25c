using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>One post-LN encoder layer: attention block, then the GELU feed-forward block.</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "attention")]
    private readonly BertAttention _attention;

    // BERT's "intermediate" holds only "dense"; the activation has no weights.
    [ComponentName(Name = "intermediate")]
    private readonly Sequential _intermediate;

    [ComponentName(Name = "output")]
    private readonly BertAddNorm _output;

    public BertLayer(TransformerClassifierOptions options)
        : base(nameof(BertLayer))
    {
        _attention = new BertAttention(options);

        // GELU with erf, not the tanh approximation: that is what BERT was trained with.
        _intermediate = nn.Sequential(("dense", nn.Linear(options.HiddenSize, options.IntermediateSize)), ("gelu", nn.GELU()));
        _output = new BertAddNorm(options.IntermediateSize, options);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keyMask)
    {
        var attended = _attention.call(hidden, keyMask);
        return _output.call(_intermediate.call(attended), attended);
    }
}
