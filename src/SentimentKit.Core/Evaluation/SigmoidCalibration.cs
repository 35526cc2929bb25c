namespace SentimentKit.Evaluation;

/// <summary>
/// Platt scaling of one sigmoid output (one label of a multi-label classifier): <c>p = σ(Scale × logit + Bias)</c>,
/// fitted on held-out logits and truth by minimizing the log loss. With <c>Bias = 0</c> it is temperature scaling
/// (<c>Scale = 1 / T</c>); the bias also corrects a label whose probabilities are shifted as a whole.
/// </summary>
/// <remarks>
/// As in Platt (1999), the targets are smoothed — <c>(N₊ + 1) / (N₊ + 2)</c> for a positive and <c>1 / (N₋ + 2)</c>
/// for a negative — so the fit stays finite when the data separate perfectly or hold one class only (it then tends
/// to <c>Scale = 0</c> and a constant probability). The minimization is Newton's method with a backtracking line
/// search and a tiny ridge on the Hessian, as Lin, Lin &amp; Weng (2007) recommend for Platt scaling; it starts at
/// <c>Scale = 0</c>, <c>Bias = log((N₊ + 1) / (N₋ + 1))</c> and is deterministic.
/// </remarks>
public static class SigmoidCalibration
{
    private const int MaxIterations = 100;
    private const double Ridge = 1e-12;
    private const double GradientTolerance = 1e-5;
    private const double SmallestStep = 1e-10;

    /// <summary>Fits the scale and bias of one label.</summary>
    /// <param name="logits">The label's logits (pre-sigmoid scores) on held-out examples.</param>
    /// <param name="truth">Whether each example has the label.</param>
    /// <returns>The scale and bias for <see cref="Apply"/>.</returns>
    /// <exception cref="ArgumentException">No examples, lengths differ, or a logit is not finite.</exception>
    public static (float Scale, float Bias) Fit(IReadOnlyList<float> logits, IReadOnlyList<bool> truth)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(truth);
        if (logits.Count == 0 || logits.Count != truth.Count)
        {
            throw new ArgumentException($"Expected as many logits as truth values, at least one; got {logits.Count} and {truth.Count}.", nameof(logits));
        }

        var z = new double[logits.Count];
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = float.IsFinite(logits[i]) ? logits[i] : throw new ArgumentException($"Logit {i} is not a finite number.", nameof(logits));
        }

        var positives = truth.Count(t => t);
        var negatives = truth.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var target = truth.Select(t => t ? high : low).ToArray();

        double scale = 0, bias = Math.Log((positives + 1.0) / (negatives + 1.0));
        var loss = Loss(z, target, scale, bias);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var (gScale, gBias, hScaleScale, hScaleBias, hBiasBias) = Derivatives(z, target, scale, bias);
            if (Math.Abs(gScale) < GradientTolerance && Math.Abs(gBias) < GradientTolerance)
            {
                break;
            }

            // The Newton direction from the 2×2 Hessian, made safely positive definite by the ridge.
            hScaleScale += Ridge;
            hBiasBias += Ridge;
            var determinant = (hScaleScale * hBiasBias) - (hScaleBias * hScaleBias);
            var dScale = -((hBiasBias * gScale) - (hScaleBias * gBias)) / determinant;
            var dBias = -((-hScaleBias * gScale) + (hScaleScale * gBias)) / determinant;
            var slope = (gScale * dScale) + (gBias * dBias);

            var step = 1.0;
            for (; step >= SmallestStep; step /= 2)
            {
                var next = Loss(z, target, scale + (step * dScale), bias + (step * dBias));
                if (next < loss + (1e-4 * step * slope))
                {
                    (scale, bias, loss) = (scale + (step * dScale), bias + (step * dBias), next);
                    break;
                }
            }

            if (step < SmallestStep)
            {
                break;
            }
        }

        return ((float)scale, (float)bias);
    }

    /// <summary>Turns a logit into a calibrated probability.</summary>
    /// <param name="logit">The label's logit.</param>
    /// <param name="scale">The fitted scale.</param>
    /// <param name="bias">The fitted bias.</param>
    /// <returns><c>σ(scale × logit + bias)</c>, computed without overflow.</returns>
    public static float Apply(float logit, float scale, float bias) => (float)Sigmoid((scale * (double)logit) + bias);

    private static double Sigmoid(double f) => f >= 0 ? 1 / (1 + Math.Exp(-f)) : Math.Exp(f) / (1 + Math.Exp(f));

    /// <summary>The cross-entropy against the smoothed targets: Σ log(1 + e^(−f)) + (1 − t)·f, written to stay finite for any f.</summary>
    private static double Loss(double[] z, double[] target, double scale, double bias)
    {
        double loss = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var f = (scale * z[i]) + bias;
            loss += f >= 0 ? ((1 - target[i]) * f) + Math.Log(1 + Math.Exp(-f)) : (-target[i] * f) + Math.Log(1 + Math.Exp(f));
        }

        return loss;
    }

    private static (double GScale, double GBias, double HScaleScale, double HScaleBias, double HBiasBias) Derivatives(
        double[] z, double[] target, double scale, double bias)
    {
        double gScale = 0, gBias = 0, hScaleScale = 0, hScaleBias = 0, hBiasBias = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var p = Sigmoid((scale * z[i]) + bias);
            var residual = p - target[i];
            var weight = p * (1 - p);
            gScale += residual * z[i];
            gBias += residual;
            hScaleScale += weight * z[i] * z[i];
            hScaleBias += weight * z[i];
            hBiasBias += weight;
        }

        return (gScale, gBias, hScaleScale, hScaleBias, hBiasBias);
    }
}
