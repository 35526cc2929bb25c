using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>
/// What the training loop minimizes and counts, by task: one label per example (softmax and cross-entropy, with class
/// weights and label smoothing) or a set of labels (one sigmoid per label and binary cross-entropy, with positive weights
/// for rare labels). The loop, the learning-rate range test and every model family share it, so that the task is
/// independent of the family: a module only ever produces one logit per label.
/// </summary>
internal abstract class TrainingObjective : IDisposable
{
    /// <summary>The most a rare label's positive examples are up-weighted by <see cref="ClassWeighting.Balanced"/>.</summary>
    public const double MaxPositiveWeight = 100;

    private Tensor? _weights;

    private TrainingObjective(double[]? weights, Device device) =>
        _weights = weights is null ? null : torch.tensor(weights.Select(w => (float)w).ToArray(), device: device).DetachFromDisposeScope();

    /// <summary>Gets the label decisions one example holds: 1, or one per label.</summary>
    public abstract int DecisionsPerExample { get; }

    /// <summary>Gets the weights in the loss (class weights, or per-label positive weights), or <see langword="null"/>.</summary>
    protected Tensor? Weights => _weights;

    /// <summary>Softmax over the classes, cross-entropy against one class index per example (class weights when <paramref name="weighted"/>).</summary>
    public static TrainingObjective SingleLabel(int[] labels, TrainerOptions options, int classCount, Device device, bool weighted = true) =>
        new Single(labels, options.LabelSmoothing, weighted ? ClassWeights.Compute(options, labels, classCount) : null, device);

    /// <summary>One sigmoid per label, binary cross-entropy against 0/1 targets.</summary>
    public static TrainingObjective MultiLabel(bool[][] targets, TrainerOptions options, int classCount, Device device) =>
        new Multi(targets, options.LabelSmoothing, PositiveWeights(options, targets, classCount), device);

    /// <summary>
    /// The weight of each label's positive examples in the binary cross-entropy: <see cref="ClassWeighting.Balanced"/>
    /// gives negatives / positives of the label in training (at least 1, at most <see cref="MaxPositiveWeight"/>), so a
    /// rare label's few positives weigh as much as its negatives; <see cref="ClassWeighting.Given"/> takes
    /// <see cref="TrainerOptions.ClassWeights"/> as they are.
    /// </summary>
    public static double[]? PositiveWeights(TrainerOptions options, IReadOnlyList<bool[]> targets, int classCount)
    {
        switch (options.ClassWeighting)
        {
            case ClassWeighting.Given:
                return [.. options.ClassWeights!];
            case ClassWeighting.Balanced:
                var positives = new int[classCount];
                foreach (var row in targets)
                {
                    for (var c = 0; c < classCount; c++)
                    {
                        positives[c] += row[c] ? 1 : 0;
                    }
                }

                return [.. positives.Select(p => p == 0 ? 1.0 : Math.Clamp((targets.Count - p) / (double)p, 1, MaxPositiveWeight))];
            default:
                return null;
        }
    }

    /// <summary>The class indices to put into a batch (the single-label loss reads them from it), or <see langword="null"/>.</summary>
    public abstract int[]? BatchLabels(int[] indices);

    /// <summary>The mean loss of a batch's logits.</summary>
    public abstract Tensor Loss(Tensor logits, ModelBatch batch, int[] indices);

    /// <summary>How many of the batch's decisions the logits get right (argmax, or each sigmoid at 0.5).</summary>
    public abstract long Correct(Tensor logits, ModelBatch batch, int[] indices);

    public void Dispose()
    {
        _weights?.Dispose();
        _weights = null;
    }

    private sealed class Single(int[] labels, double labelSmoothing, double[]? weights, Device device) : TrainingObjective(weights, device)
    {
        public override int DecisionsPerExample => 1;

        public override int[] BatchLabels(int[] indices) => [.. indices.Select(i => labels[i])];

        public override Tensor Loss(Tensor logits, ModelBatch batch, int[] indices) =>
            nn.functional.cross_entropy(logits, batch.Labels!, Weights, label_smoothing: labelSmoothing);

        public override long Correct(Tensor logits, ModelBatch batch, int[] indices) => logits.argmax(1).eq(batch.Labels!).sum().item<long>();
    }

    private sealed class Multi(bool[][] targets, double labelSmoothing, double[]? weights, Device device) : TrainingObjective(weights, device)
    {
        public override int DecisionsPerExample => targets.Length == 0 ? 1 : targets[0].Length;

        public override int[]? BatchLabels(int[] indices) => null;

        public override Tensor Loss(Tensor logits, ModelBatch batch, int[] indices)
        {
            var target = Targets(indices, logits.device);
            if (labelSmoothing > 0)
            {
                // Each 0/1 target moves toward 1/2 by the smoothing, as label smoothing does for two classes.
                target = (target * (1 - labelSmoothing)) + (labelSmoothing / 2);
            }

            return nn.functional.binary_cross_entropy_with_logits(logits, target, pos_weights: Weights);
        }

        public override long Correct(Tensor logits, ModelBatch batch, int[] indices) =>
            logits.gt(0).eq(Targets(indices, logits.device).gt(0.5)).sum().item<long>();

        private Tensor Targets(int[] indices, Device on)
        {
            var classes = DecisionsPerExample;
            var values = new float[indices.Length * classes];
            for (var k = 0; k < indices.Length; k++)
            {
                var row = targets[indices[k]];
                for (var c = 0; c < classes; c++)
                {
                    values[(k * classes) + c] = row[c] ? 1f : 0f;
                }
            }

            return torch.tensor(values, [indices.Length, classes], device: on);
        }
    }
}
