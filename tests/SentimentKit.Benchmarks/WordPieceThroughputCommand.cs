using System.Diagnostics;
using System.Globalization;
using System.Text;
using SentimentKit.Data;
using SentimentKit.Text;
using FastBert = FastBertTokenizer.BertTokenizer;

namespace SentimentKit.Benchmarks;

/// <summary>
/// The <c>wordpiece</c> verb: single-thread throughput of <see cref="WordPieceEncoder"/> against
/// FastBertTokenizer on the IMDB training reviews with the MiniLM vocab.txt (no truncation either
/// side), and how many reviews get the same ids from both.
/// </summary>
internal static class WordPieceThroughputCommand
{
    public static int Run(VerbOptions options)
    {
        var vocabPath = MiniLmLocator.Locate(options.Get("vocab"), "vocab.txt");
        var reps = options.GetInt("reps", 5);
        var limit = options.GetInt("limit", int.MaxValue);
        var texts = ImdbData.Load(ImdbData.Locate(options.Get("data")), ImdbSplit.Train).Examples.Select(e => e.Text).Take(limit).ToArray();
        var bytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        Print($"{texts.Length:N0} IMDB train reviews, {bytes / 1e6:F1} MB UTF-8; vocabulary {vocabPath}");

        var watch = Stopwatch.StartNew();
        var ours = WordPieceEncoder.Load(vocabPath, new WordPieceEncoderOptions { MaxTokens = 1_000_000 });
        Print($"SentimentKit WordPieceEncoder: vocabulary loaded in {watch.Elapsed.TotalMilliseconds:F0} ms");
        watch.Restart();
        var reference = new FastBert();
        using (var reader = File.OpenText(vocabPath))
        {
            reference.LoadVocabulary(reader, convertInputToLowercase: true);
        }

        Print($"FastBertTokenizer 1.2.6:       vocabulary loaded in {watch.Elapsed.TotalMilliseconds:F0} ms");

        var show = options.GetInt("show", 0);
        var same = 0;
        var differWithNel = 0;
        long pieces = 0;
        foreach (var text in texts)
        {
            var a = ours.EncodeIds(text);
            var b = reference.Encode(text, maximumTokens: 1_000_000).InputIds.ToArray();
            pieces += a.Length - 2;
            if (a.Length == b.Length && a.Select((id, i) => id == b[i]).All(x => x))
            {
                same++;
            }
            else
            {
                // BERT removes U+0085 (NEL, a control character); FastBertTokenizer splits words on it.
                differWithNel += text.Contains('\u0085', StringComparison.Ordinal) ? 1 : 0;
                if (show-- > 0)
                {
                    ShowDifference(ours.Vocabulary, text, a, b);
                }
            }
        }

        Print($"agreement: {same:N0} of {texts.Length:N0} reviews get identical ids ({pieces:N0} pieces); {differWithNel:N0} of the {texts.Length - same:N0} others hold U+0085, which BERT removes and FastBertTokenizer reads as a space");

        var oursBest = TextThroughputCommand.Measure("WordPieceEncoder.EncodeIds", bytes, reps, () =>
        {
            foreach (var text in texts)
            {
                ours.EncodeIds(text);
            }
        });
        var theirsBest = TextThroughputCommand.Measure("FastBertTokenizer.Encode", bytes, reps, () =>
        {
            foreach (var text in texts)
            {
                reference.Encode(text, maximumTokens: 1_000_000);
            }
        });
        TextThroughputCommand.Measure("WordPieceEncoder.Encode (+words)", bytes, reps, () =>
        {
            foreach (var text in texts)
            {
                ours.Encode(text);
            }
        });
        Print($"ratio SentimentKit / FastBertTokenizer (best): {oursBest / theirsBest:F2}x");
        return 0;
    }

    // The first piece where the two disagree, with the text around it.
    private static void ShowDifference(WordPieceVocabulary vocabulary, string text, int[] ours, long[] theirs)
    {
        var at = 0;
        while (at < Math.Min(ours.Length, theirs.Length) && ours[at] == theirs[at])
        {
            at++;
        }

        string Around<T>(T[] ids, Func<T, int> id) => string.Join(' ', ids.Skip(Math.Max(0, at - 3)).Take(8).Select(i => vocabulary.GetToken(id(i))));
        Print($"  differs at piece {at}: ours [{Around(ours, i => i)}] vs FastBertTokenizer [{Around(theirs, i => (int)i)}]");
    }


    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
