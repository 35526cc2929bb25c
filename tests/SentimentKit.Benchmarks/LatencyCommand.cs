using System.Diagnostics;
using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>latency</c>: the distribution of single-prediction latency on the CPU — every call timed on its own,
/// so that p95 and p99 are of calls, not of iteration means. One model per kind (recommended size, trained
/// briefly, see <see cref="ServingFixture"/>), a 230-token review, warm-up calls first.
/// </summary>
internal static class LatencyCommand
{
    public static int Run(VerbOptions options)
    {
        var calls = options.GetInt("calls", 10_000);
        var threads = options.GetInt("threads", Environment.ProcessorCount);
        TorchBackend.SetCpuThreads(threads);
        var examples = ImdbData.Load(ImdbData.Locate(options.Get("data")), ImdbSplit.Train).Examples;
        var review = ServingFixture.MedianReview(examples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency: one prediction of a 230-token review, {calls} timed calls after 100 warm-up calls, resident memory before and after, {threads} CPU threads"));
        foreach (var kind in new[] { ModelKind.BiLstm, ModelKind.NGrams })
        {
            var predictor = ServingFixture.TrainSmall(examples, kind);
            try
            {
                for (var i = 0; i < 100; i++)
                {
                    predictor.Predict(review);
                }

                var memoryBefore = ProcessMemory.WorkingSetMb();
                var times = new double[calls];
                for (var i = 0; i < calls; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    predictor.Predict(review);
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                var memoryAfter = ProcessMemory.WorkingSetMb();
                Array.Sort(times);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {kind,-8} p50 {Percentile(times, 0.50):F3} ms  p95 {Percentile(times, 0.95):F3} ms  p99 {Percentile(times, 0.99):F3} ms  max {times[^1]:F3} ms  mean {times.Average():F3} ms; working set {memoryBefore:F0} MB before, {memoryAfter:F0} MB after ({(memoryAfter / memoryBefore) - 1:+0.0%;-0.0%})"));
            }
            finally
            {
                predictor.Model.Dispose();
            }
        }

        return 0;
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
