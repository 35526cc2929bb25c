using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>BERT's <c>encoder</c>: the stack of layers, under <c>layer.{i}</c>.</summary>
internal sealed class BertLayerStack : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "layer")]
    private readonly ModuleList<BertLayer> _layers;

    public BertLayerStack(TransformerClassifierOptions options)
        : base(nameof(BertLayerStack))
    {
        _layers = nn.ModuleList(Enumerable.Range(0, options.Layers).Select(_ => new BertLayer(options)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keyMask)
    {
        foreach (var layer in _layers)
        {
            hidden = layer.call(hidden, keyMask);
        }

        return hidden;
    }
}
