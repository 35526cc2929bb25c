using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>
/// The learning-rate range test (Smith 2015, fastai's <c>lr_find</c>): train with an exponentially growing rate,
/// record the smoothed loss, stop when it diverges, put the weights back, and read the rates off the curve.
/// </summary>
internal static class LearningRateRangeTest
{
    public static LearningRateFinderResult Run<TInput>(
        ITextClassifierModule<TInput> model, TrainerOptions trainer, ComputeDevice device, TInput[] inputs, TrainingObjective objective,
        LearningRateFinderOptions options, IProgress<LearningRatePoint>? progress, CancellationToken cancellationToken)
    {
        var module = model.TorchModule;
        var saved = module.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().cpu().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        var curve = new List<LearningRatePoint>(options.Steps);
        var diverged = false;
        try
        {
            var lengths = inputs.Select(model.GetLength).ToArray();
            var sampler = new BucketBatchSampler(lengths, new BucketBatchSamplerOptions { BatchSize = trainer.BatchSize, MaxTokensPerBatch = trainer.MaxTokensPerBatch, Seed = trainer.Seed });
            using var optimizer = Optimizers.Create(trainer, module.parameters());
            var parameters = module.parameters().Where(p => p.requires_grad).ToArray();
            var ratio = options.MaxLearningRate / options.MinLearningRate;
            double average = 0, best = double.PositiveInfinity;
            var epoch = 0;
            var batches = sampler.GetBatches(epoch);
            var b = 0;
            torch.manual_seed(trainer.Seed);
            module.train();
            for (var step = 0; step < options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (b == batches.Count)
                {
                    batches = sampler.GetBatches(++epoch);
                    b = 0;
                }

                var indices = batches[b++];
                var rate = options.MinLearningRate * Math.Pow(ratio, step / (double)(options.Steps - 1));
                float loss;
                using (torch.NewDisposeScope())
                {
                    foreach (var group in optimizer.ParamGroups)
                    {
                        group.LearningRate = rate;
                    }

                    using var batch = model.CreateBatch(indices.Select(i => inputs[i]).ToArray(), objective.BatchLabels(indices), device.TorchDevice);
                    optimizer.zero_grad();
                    var output = objective.Loss(model.ForwardBatch(batch), batch, indices);
                    loss = output.item<float>();
                    if (float.IsFinite(loss))
                    {
                        output.backward();
                        if (trainer.GradientClipNorm is { } clip)
                        {
                            nn.utils.clip_grad_norm_(parameters, clip);
                        }

                        optimizer.step();
                    }
                }

                if (!float.IsFinite(loss))
                {
                    diverged = true;
                    break;
                }

                average = (options.Smoothing * average) + ((1 - options.Smoothing) * loss);
                var smoothed = average / (1 - Math.Pow(options.Smoothing, step + 1));
                var point = new LearningRatePoint(step + 1, rate, loss, smoothed);
                curve.Add(point);
                progress?.Report(point);
                best = Math.Min(best, smoothed);
                if (step > 0 && smoothed > options.DivergenceFactor * best)
                {
                    diverged = true;
                    break;
                }
            }
        }
        finally
        {
            module.load_state_dict(saved);
            foreach (var tensor in saved.Values)
            {
                tensor.Dispose();
            }
        }

        return Read(curve, diverged, options.MinLearningRate, options.MinimumDescent);
    }

    /// <summary>
    /// The rates read from the curve: of the lowest smoothed loss, of the steepest fall before it, and a tenth of the
    /// first — suggested only when the lowest smoothed loss is at least <paramref name="minimumDescent"/> (a fraction)
    /// below the mean loss of the curve's first tenth of steps.
    /// </summary>
    internal static LearningRateFinderResult Read(IReadOnlyList<LearningRatePoint> curve, bool diverged, double fallback, double minimumDescent)
    {
        if (curve.Count == 0)
        {
            return new LearningRateFinderResult { Curve = curve, Minimum = fallback, Steepest = fallback, Suggested = null, Diverged = diverged };
        }

        var minimum = 0;
        for (var i = 1; i < curve.Count; i++)
        {
            minimum = curve[i].SmoothedLoss < curve[minimum].SmoothedLoss ? i : minimum;
        }

        var steepest = 0;
        var slope = double.PositiveInfinity;
        for (var i = 1; i <= minimum; i++)
        {
            var d = (curve[i].SmoothedLoss - curve[i - 1].SmoothedLoss) / (Math.Log(curve[i].LearningRate) - Math.Log(curve[i - 1].LearningRate));
            (steepest, slope) = d < slope ? (i, d) : (steepest, slope);
        }

        // The smoothed loss of an untrained model wanders around where it started: a "minimum" within that noise
        // (often the very first steps, at rates of 1e-7) says nothing about which rate learns.
        var start = curve.Take(Math.Max(1, curve.Count / 10)).Average(p => p.Loss);
        var descended = curve[minimum].SmoothedLoss <= start * (1 - minimumDescent);
        return new LearningRateFinderResult
        {
            Curve = curve,
            Minimum = curve[minimum].LearningRate,
            Steepest = curve[steepest].LearningRate,
            Suggested = descended ? curve[minimum].LearningRate / 10 : null,
            Diverged = diverged,
        };
    }
}
