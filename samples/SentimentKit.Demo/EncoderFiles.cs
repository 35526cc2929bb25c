using System.CommandLine;

namespace SentimentKit.Demo;

/// <summary>
/// <c>--encoder FILE.onnx --vocab FILE.txt</c>: the pretrained encoder of <c>--model transformer</c>. Without them,
/// all-MiniLM-L6-v2 where <c>./build.sh minilm</c> puts it (<see cref="MiniLmFolder"/>).
/// </summary>
internal sealed class EncoderFiles
{
    public const string MissingMiniLm =
        "--model transformer needs an encoder: " + MiniLmFolder.HowToGet + ", or give --encoder FILE.onnx --vocab FILE.txt.";

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
            var folder = MiniLmFolder.Find() ?? throw new UsageException(MissingMiniLm);
            (encoder, vocab) = (Path.Combine(folder, MiniLmFolder.ModelFileName), Path.Combine(folder, MiniLmFolder.VocabularyFileName));
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
}
