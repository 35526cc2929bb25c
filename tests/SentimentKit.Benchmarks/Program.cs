// The benchmark runner: `bdn` runs the BenchmarkDotNet suites.
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
    return 0;
}

Console.Error.WriteLine("usage: SentimentKit.Benchmarks bdn [BenchmarkDotNet arguments]");
return 2;
