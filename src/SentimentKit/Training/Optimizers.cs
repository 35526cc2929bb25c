using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>The optimizer the options ask for, over the parameters that are trained.</summary>
internal static class Optimizers
{
    public static optim.Optimizer Create(TrainerOptions options, IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        var trained = parameters.Where(p => p.requires_grad);
        return options.Optimizer switch
        {
            OptimizerKind.AdamW => optim.AdamW(trained, options.LearningRate, weight_decay: options.WeightDecay),
            OptimizerKind.Sgd => optim.SGD(trained, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
            _ => optim.Adam(trained, options.LearningRate, weight_decay: options.WeightDecay),
        };
    }
}
