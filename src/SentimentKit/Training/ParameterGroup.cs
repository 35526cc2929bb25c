using TorchSharp.Modules;

namespace SentimentKit.Training;

/// <summary>
/// Parameters the optimizer treats alike: their learning rate as a multiple of the schedule's, and whether weight decay
/// applies. A fine-tuned encoder learns far slower than its new head, and biases and layer norms are not decayed.
/// </summary>
/// <param name="Parameters">The parameters; those without gradients are left out of training.</param>
/// <param name="LearningRateScale">The group's rate is the schedule's rate times this.</param>
/// <param name="Decay">Whether <see cref="TrainerOptions.WeightDecay"/> applies to the group.</param>
internal sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double LearningRateScale, bool Decay);
