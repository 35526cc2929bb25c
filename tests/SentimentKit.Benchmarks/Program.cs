namespace SentimentKit.Benchmarks;

/// <summary>The benchmark runner: the first argument names the benchmark.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "batching", StringComparison.Ordinal))
        {
            return BatchingBenchmark.Run(args[1..]);
        }

        Console.Error.WriteLine("usage: SentimentKit.Benchmarks batching [options]");
        return 2;
    }
}
