using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>The optimizer the options ask for, over the parameters that are trained.</summary>
internal static class Optimizers
{
    public static optim.Optimizer Create(TrainerOptions options, IEnumerable<Parameter> parameters)
    {
        var trained = parameters.Where(p => p.requires_grad);
        return options.Optimizer switch
        {
            OptimizerKind.AdamW => optim.AdamW(trained, options.LearningRate, weight_decay: options.WeightDecay),
            OptimizerKind.Sgd => optim.SGD(trained, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
            _ => optim.Adam(trained, options.LearningRate, weight_decay: options.WeightDecay),
        };
    }

    /// <summary>The optimizer over parameter groups, in their order (the trainer sets each group's rate by its scale).</summary>
    public static optim.Optimizer Create(TrainerOptions options, IReadOnlyList<ParameterGroup> groups)
    {
        double Rate(ParameterGroup g) => options.LearningRate * g.LearningRateScale;
        double Decay(ParameterGroup g) => g.Decay ? options.WeightDecay : 0;
        IEnumerable<Parameter> Trained(ParameterGroup g) => g.Parameters.Where(p => p.requires_grad);
        return options.Optimizer switch
        {
            OptimizerKind.AdamW => optim.AdamW(groups.Select(g => new AdamW.ParamGroup(Trained(g), lr: Rate(g), weight_decay: Decay(g))), options.LearningRate),
            OptimizerKind.Sgd => optim.SGD(groups.Select(g => new SGD.ParamGroup(Trained(g), lr: Rate(g), momentum: options.Momentum, weight_decay: Decay(g))), options.LearningRate),
            _ => optim.Adam(groups.Select(g => new Adam.ParamGroup(Trained(g), lr: Rate(g), weight_decay: Decay(g))), options.LearningRate),
        };
    }
}
