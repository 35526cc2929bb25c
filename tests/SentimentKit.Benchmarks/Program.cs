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
//   recipes [--data PATH] [--corpus imdb|first-sentence|small] [--recipes baseline,nbsvm,gru,bilstm] [--modes fixed,derived,lr-find,lr-train,lr-curve]
//           [--limit N] [--test-limit N] [--auto-budget SECONDS] [--seed N] [--patience N|none] [--lr-steps N] [--lr-min X] [--lr-max X]
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
//   calibration [--data PATH] [--kind bilstm|gru] [--model RAW.skm] [--save PATH] [--seed N]
//                                       ECE on full reviews and on their first sentences, temperature fitted both ways
//   onnx [--data PATH] [--models bilstm,gru,nbsvm,transformer] [--limit N] [--epochs N] [--test-limit N] [--calls N] [--threads N]
//                                       ONNX runtime vs TorchSharp: parity over the IMDB test reviews, latency side by side
//   score [--data PATH] [--train N] [--limit N] [--shard-size N]
//                                       batch scoring of IMDB test: texts/s local, Redis 1 and 2 workers, Redis ms per shard
//   curve [--models nbsvm,bilstm,transformer] [--sizes 500,2000] [--test 5000] [--max-tokens N] [--epochs N] [--out DIR] [--chart-only true]
//                                       IMDB learning curve: accuracy on the same test reviews, throughput, memory; table + SVG
//   multilabel [--data PATH] [--kinds baseline,nbsvm,gru] [--limit N] [--test-limit N] [--rnn-limit N] [--rnn-test-limit N]
//              [--epochs N] [--max-tokens N] [--seed N]
//                                       multi-label IMDB (positive, extreme, long, mentions-plot-or-story): every multi-label metric per kind
var verb = args.Length > 0 ? args[0] : "help";
var rest = args.Length > 0 ? args[1..] : [];
try
{
    return verb switch
    {
        "bdn" => RunBenchmarkDotNet(rest),
        "text" => TextThroughputCommand.Run(Options("data", "reps")),
        "sample-imdb" => ImdbSampleCommand.Run(Options("data", "out", "seed", "test", "train")),
        "batching" => BatchingBenchmark.Run(Options("data", "steps", "warmup", "batch-size", "max-tokens", "threads", "seed", "limit")),
        "imdb" => ImdbEndToEndCommand.Run(Options(
            "data", "device", "json?", "limit", "lr", "model", "optimizer", "pooling", "threads", "weighting", "batch-size", "embedding", "epochs",
            "hidden", "layers", "max-tokens", "min-df", "ngrams", "seed", "dropout", "embedding-dropout", "head-dropout", "weight-decay")),
        "ensemble" => EnsembleCommand.Run(Options("data", "device", "epochs", "save")),
        "latency" => LatencyCommand.Run(Options("data", "calls", "threads")),
        "device-proof" => DeviceProofCommand.Run(Options("device", "expect")),
        "data-memory" => DataMemoryCommand.Run(Options("case", "data", "path", "size-mib")),
        "wordpiece" => WordPieceThroughputCommand.Run(Options("data", "vocab", "limit", "reps", "show")),
        "transformer" => TransformerThroughputCommand.Run(Options("attention-dropout", "batch-sizes", "lengths", "onnx", "vocab", "steps", "threads")),
        "serve-load" => ServeLoadCommand.Run(Options("cli", "data", "models", "connections", "max-seconds", "requests", "warmup")),
        "calibration" => CalibrationLengthCommand.Run(Options("data", "kind", "model", "save", "seed")),
        "onnx" => OnnxParityCommand.Run(Options("data", "models", "calls", "epochs", "limit", "test-limit", "threads")),
        "score" => ScoreCommand.Run(Options("data", "limit", "shard-size", "train")),
        "curve" => LearningCurveCommand.Run(Options("chart-only?", "data", "device", "encoder", "epochs", "models", "out", "sizes", "vocab", "max-tokens", "test")),
        "multilabel" => MultiLabelImdbCommand.Run(Options("data", "epochs", "kinds", "limit", "max-tokens", "rnn-limit", "rnn-test-limit", "seed", "test-limit")),
        "recipes" => RecipesCommand.Run(Options("auto-budget", "corpus", "data", "lr-max", "lr-min", "lr-steps", "modes", "patience", "recipes", "limit", "seed", "test-limit")),
        "help" or "-h" or "--help" => Usage(0),
        _ => Usage(2),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

// Each verb declares the options it reads; anything else on its command line is an error (exit 2).
VerbOptions Options(params string[] names) => VerbOptions.Parse(verb, rest, names);

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
    writer.WriteLine("  recipes [--data PATH] [--corpus imdb|first-sentence|small] [--recipes baseline,nbsvm,gru,bilstm] [--modes fixed,derived,lr-find,lr-train,lr-curve]");
    writer.WriteLine("          [--limit N] [--test-limit N] [--auto-budget SECONDS] [--seed N] [--patience N|none] [--lr-steps N] [--lr-min X] [--lr-max X]");
    writer.WriteLine("                                   each recipe fixed vs derived from the data, and what auto picked, on a corpus rebuilt from IMDB");
    writer.WriteLine("  multilabel [--data PATH] [--kinds baseline,nbsvm,gru] [--limit N] [--test-limit N] [--rnn-limit N]");
    writer.WriteLine("       [--rnn-test-limit N] [--epochs N] [--max-tokens N] [--seed N]");
    writer.WriteLine("                                   multi-label IMDB (positive, extreme, long, mentions-plot-or-story): every metric per kind");
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
    writer.WriteLine("  curve [--models nbsvm,bilstm,transformer] [--sizes 500,2000] [--test 5000] [--max-tokens N] [--epochs N] [--out DIR] [--chart-only true]");
    writer.WriteLine("                                   IMDB learning curve: accuracy on the same test reviews, throughput, memory; table + SVG");
    writer.WriteLine("  calibration [--data PATH] [--kind bilstm|gru] [--model RAW.skm] [--save PATH] [--seed N]");
    writer.WriteLine("                                   ECE on full reviews and on their first sentences, temperature fitted both ways");
    writer.WriteLine("  onnx [--data PATH] [--models bilstm,gru,nbsvm,transformer] [--limit N] [--epochs N] [--test-limit N] [--calls N] [--threads N]");
    writer.WriteLine("                                   ONNX runtime vs TorchSharp: parity over the IMDB test reviews, latency side by side");
    writer.WriteLine("  score [--data PATH] [--train N] [--limit N] [--shard-size N]");
    writer.WriteLine("                                   batch scoring of IMDB test: texts/s local, Redis 1 and 2 workers, Redis ms per shard");
    return exitCode;
}
