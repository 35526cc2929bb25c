using System.Globalization;
using System.Text.Json.Nodes;

namespace SentimentKit.Artifacts;

/// <summary>
/// The manifest section <c>multi_label</c> of a multi-label model: what turns its logits into label sets, the same for
/// every model family and every runtime — one sigmoid per label, an optional Platt scaling per label
/// (<c>σ(scale × logit + bias)</c>), and a decision threshold per label.
/// </summary>
internal sealed record MultiLabelSection
{
    /// <summary>The section's name in the manifest.</summary>
    public const string Name = "multi_label";

    /// <summary>The value of the manifest's <c>task</c> for a multi-label model (no <c>task</c> means single-label).</summary>
    public const string Task = "multi_label";

    /// <summary>Gets the decision threshold of each label, in label order.</summary>
    public required float[] Thresholds { get; init; }

    /// <summary>Gets the Platt scale of each label, or <see langword="null"/> when the model is not calibrated.</summary>
    public float[]? CalibrationScales { get; init; }

    /// <summary>Gets the Platt bias of each label, or <see langword="null"/> when the model is not calibrated.</summary>
    public float[]? CalibrationBiases { get; init; }

    /// <summary>Gets the metrics on the validation split at the end of training (with the thresholds above), or <see langword="null"/>.</summary>
    public JsonObject? Validation { get; init; }

    /// <summary>Gets a value indicating whether per-label calibration is applied.</summary>
    public bool IsCalibrated => CalibrationScales is not null;

    /// <summary>The reason the section does not fit a model of <paramref name="labelCount"/> labels, or <see langword="null"/> when it does.</summary>
    public string? Problem(int labelCount)
    {
        if (Thresholds is null || Thresholds.Length != labelCount)
        {
            return string.Create(CultureInfo.InvariantCulture, $"its multi-label section has {Thresholds?.Length ?? 0} thresholds for {labelCount} labels");
        }

        if (Array.Exists(Thresholds, t => !(t >= 0 && t <= 1)))
        {
            return "a multi-label threshold is outside [0, 1]";
        }

        if ((CalibrationScales is null) != (CalibrationBiases is null)
            || (CalibrationScales is not null && (CalibrationScales.Length != labelCount || CalibrationBiases!.Length != labelCount)))
        {
            return "its per-label calibration does not have one scale and one bias per label";
        }

        if (CalibrationScales is not null && (Array.Exists(CalibrationScales, v => !float.IsFinite(v)) || Array.Exists(CalibrationBiases!, v => !float.IsFinite(v))))
        {
            return "its per-label calibration holds a value that is not a finite number";
        }

        return null;
    }

    /// <summary>The calibrated probability of each label from row-major <c>[count, labels]</c> logits.</summary>
    public float[] Probabilities(ReadOnlySpan<float> logits)
    {
        var labels = Thresholds.Length;
        var probabilities = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            var c = i % labels;
            var z = CalibrationScales is { } scales ? (scales[c] * logits[i]) + CalibrationBiases![c] : logits[i];
            probabilities[i] = Sigmoid(z);
        }

        return probabilities;
    }

    /// <summary>The logistic function, computed without overflow for large |z|.</summary>
    public static float Sigmoid(float z) => z >= 0 ? 1f / (1f + MathF.Exp(-z)) : MathF.Exp(z) / (1f + MathF.Exp(z));
}
