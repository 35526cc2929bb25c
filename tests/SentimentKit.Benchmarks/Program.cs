using BenchmarkDotNet.Running;
using SentimentKit.Benchmarks;

// The benchmark runner: one verb per job, so that others can add theirs to the switch.
//   bdn [BenchmarkDotNet args]          BenchmarkDotNet over this assembly (e.g. bdn --filter *TextBenchmarks*)
//   text [--data PATH] [--reps N]       quick MB/s of normalize+tokenize+encode, single thread
//   sample-imdb [--data PATH] [--out PATH] [--train N] [--test N] [--seed N]
//                                       regenerate the demo's embedded IMDB sample
//   batching [--data PATH] [--steps N]  BiLSTM training samples/s, shuffled vs length-bucketed batches
//   imdb [--data PATH] [--model bilstm|gru|baseline] [--device cpu|cuda] [--epochs N] [--json]
//                                       IMDB end to end: per-phase times, samples/s, test accuracy per epoch
//   ensemble [--data PATH] [--epochs N] [--save DIR]
//                                       BiLSTM + NB-weighted baseline, calibrated probabilities averaged
//   recipes [--data PATH] [--corpus imdb|first-sentence|small] [--recipes baseline,nbsvm,gru,bilstm] [--modes fixed,derived]
//           [--limit N] [--test-limit N] [--auto-budget SECONDS] [--seed N]
//                                       each recipe fixed vs derived from the data, and what auto picked, on a corpus rebuilt from IMDB
//   latency [--data PATH] [--calls N] [--threads N]
//                                       p50/p95/p99 of single CPU predictions, every call timed
//   device-proof [--device D] [--expect cpu|cuda]
//                                       train, explain, save on a device; reload on the CPU; compare
//   data-memory [--data PATH] [--size-mib N]
//                                       peak resident memory of loading IMDB and a huge review (tar.gz, CSV)
//   wordpiece [--data PATH] [--vocab PATH] [--limit N] [--reps N] [--show N]
//                                       WordPiece MB/s and agreement, SentimentKit vs FastBertTokenizer
//   transformer [--onnx PATH] [--vocab PATH] [--lengths 64,256] [--batch-sizes 8,32] [--steps N] [--threads N] [--attention-dropout X]
//                                       MiniLM classifier on the CPU: import time, forward and AdamW samples/s, RSS
//   serve-load --models A.skm[,B.skm] [--data PATH] [--requests N] [--connections N] [--max-seconds S] [--cli PATH]
//                                       sentimentkit serve on loopback under load: requests/s, p50/p95/p99, errors, memory
var verb = args.Length > 0 ? args[0] : "help";
var rest = args.Length > 0 ? args[1..] : [];
try
{
    return verb switch
    {
        "bdn" => RunBenchmarkDotNet(rest),
        "text" => TextThroughputCommand.Run(VerbOptions.Parse(rest)),
        "sample-imdb" => ImdbSampleCommand.Run(VerbOptions.Parse(rest)),
        "batching" => BatchingBenchmark.Run(rest),
        "imdb" => ImdbEndToEndCommand.Run(VerbOptions.Parse(rest)),
        "ensemble" => EnsembleCommand.Run(VerbOptions.Parse(rest)),
        "recipes" => RecipesCommand.Run(VerbOptions.Parse(rest)),
        "latency" => LatencyCommand.Run(VerbOptions.Parse(rest)),
        "device-proof" => DeviceProofCommand.Run(VerbOptions.Parse(rest)),
        "data-memory" => DataMemoryCommand.Run(VerbOptions.Parse(rest)),
        "wordpiece" => WordPieceThroughputCommand.Run(VerbOptions.Parse(rest)),
        "transformer" => TransformerThroughputCommand.Run(VerbOptions.Parse(rest)),
        "serve-load" => ServeLoadCommand.Run(VerbOptions.Parse(rest)),
        "help" or "-h" or "--help" => Usage(0),
        _ => Usage(2),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(TextBenchmarks).Assembly).Run(args);
    return 0;
}

static int Usage(int exitCode)
{
    var writer = exitCode == 0 ? Console.Out : Console.Error;
    writer.WriteLine("usage: SentimentKit.Benchmarks <verb> [options]");
    writer.WriteLine("  bdn [BenchmarkDotNet args]       run BenchmarkDotNet (e.g. bdn --filter *TextBenchmarks*)");
    writer.WriteLine("  text [--data PATH] [--reps N]    MB/s of normalize+tokenize+encode, single thread");
    writer.WriteLine("  sample-imdb [--data PATH] [--out PATH] [--train N] [--test N] [--seed N]");
    writer.WriteLine("                                   write the demo's embedded IMDB sample");
    writer.WriteLine("  batching [--data PATH] [--steps N] BiLSTM training samples/s, shuffled vs length-bucketed");
    writer.WriteLine("  imdb [--data PATH] [--model bilstm|gru|baseline] [--device cpu|cuda] [--epochs N] [--json]");
    writer.WriteLine("       [--limit N] [--threads N] [--max-tokens N] [--lr X] [--batch-size N] [--pooling P]");
    writer.WriteLine("       [--embedding N] [--hidden N] [--layers N] [--dropout X] [--embedding-dropout X] [--head-dropout X]");
    writer.WriteLine("       [--optimizer adam|adamw|sgd] [--weight-decay X] [--ngrams N] [--min-df N] [--weighting tfidf|naivebayes]");
    writer.WriteLine("                                   IMDB end to end: phase times, samples/s, test accuracy per epoch");
    writer.WriteLine("  ensemble [--data PATH] [--epochs N] [--save DIR]");
    writer.WriteLine("                                   BiLSTM + NB-weighted baseline, calibrated probabilities averaged");
    writer.WriteLine("  latency [--data PATH] [--calls N] [--threads N]");
    writer.WriteLine("                                   p50/p95/p99 of single CPU predictions, every call timed");
    writer.WriteLine("  device-proof [--device D] [--expect cpu|cuda]");
    writer.WriteLine("                                   train, explain, save on a device; reload on the CPU; compare");
    writer.WriteLine("  data-memory [--data PATH] [--size-mib N]");
    writer.WriteLine("                                   peak resident memory of loading IMDB and a huge review (tar.gz, CSV)");
    writer.WriteLine("  wordpiece [--data PATH] [--vocab PATH] [--limit N] [--reps N] [--show N]");
    writer.WriteLine("                                   WordPiece MB/s and agreement, SentimentKit vs FastBertTokenizer");
    writer.WriteLine("  transformer [--onnx PATH] [--vocab PATH] [--lengths 64,256] [--batch-sizes 8,32] [--steps N] [--threads N] [--attention-dropout X]");
    writer.WriteLine("                                   MiniLM classifier on the CPU: import time, forward and AdamW samples/s, RSS");
    writer.WriteLine("  serve-load --models A.skm[,B.skm] [--data PATH] [--requests N] [--connections N] [--max-seconds S] [--cli PATH]");
    writer.WriteLine("                                   sentimentkit serve on loopback under load: requests/s, p50/p95/p99, errors, memory");
    return exitCode;
}
