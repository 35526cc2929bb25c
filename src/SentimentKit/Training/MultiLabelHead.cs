using SentimentKit.Artifacts;

namespace SentimentKit.Training;

/// <summary>The arithmetic of the multi-label head outside the graph: plain sigmoids per label and their mean binary cross-entropy.</summary>
internal static class MultiLabelHead
{
    private const double ProbabilityFloor = 1e-7;

    /// <summary>One row of sigmoids per example from row-major <c>[count, labels]</c> logits.</summary>
    public static float[][] Sigmoids(float[] logits, int labelCount)
    {
        var rows = new float[logits.Length / labelCount][];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new float[labelCount];
            for (var c = 0; c < labelCount; c++)
            {
                row[c] = MultiLabelSection.Sigmoid(logits[(i * labelCount) + c]);
            }

            rows[i] = row;
        }

        return rows;
    }

    /// <summary>Splits row-major <c>[count, labels]</c> values into rows.</summary>
    public static float[][] Rows(float[] values, int labelCount) =>
        [.. Enumerable.Range(0, values.Length / labelCount).Select(i => values.AsSpan(i * labelCount, labelCount).ToArray())];

    /// <summary>The mean binary cross-entropy over every label decision.</summary>
    public static double LogLoss(IReadOnlyList<float[]> probabilities, IReadOnlyList<bool[]> targets)
    {
        double sum = 0;
        long count = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            for (var c = 0; c < probabilities[i].Length; c++)
            {
                var p = Math.Clamp(probabilities[i][c], ProbabilityFloor, 1 - ProbabilityFloor);
                sum -= targets[i][c] ? Math.Log(p) : Math.Log(1 - p);
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }
}
