using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class TextEncoderTests
{
    private static readonly string[] Corpus =
    [
        "This movie is great! I loved it :)",
        "Terrible movie... I hated it :(",
        "Don't watch it, it's a well-made bore.",
    ];

    [Fact]
    public void Encode_KnownText_MapsEachTokenToItsId()
    {
        var encoder = TextEncoder.Fit(Corpus);
        var ids = encoder.Encode("GREAT movie :)");
        ids.Should().Equal(encoder.Vocabulary.GetId("great"), encoder.Vocabulary.GetId("movie"), encoder.Vocabulary.GetId(":)"));
    }

    [Fact]
    public void Encode_UnknownWord_GivesUnkId()
    {
        var encoder = TextEncoder.Fit(Corpus);
        encoder.Encode("zebra movie")[0].Should().Be(Vocabulary.UnkId);
    }

    [Fact]
    public void EncodeDecode_InVocabularyText_RoundTrips()
    {
        var encoder = TextEncoder.Fit(Corpus);
        var random = new Random(3);
        var tokens = encoder.Vocabulary.Tokens.Skip(2).ToArray();
        for (var n = 0; n < 500; n++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 20)).Select(_ => tokens[random.Next(tokens.Length)]));
            var ids = encoder.Encode(text);
            ids.Should().OnlyContain(id => id >= 0 && id < encoder.Vocabulary.Count);
            ids.Should().NotContain(Vocabulary.UnkId);
            encoder.Decode(ids).Should().Be(encoder.Normalizer.Normalize(text));
        }
    }

    [Fact]
    public void Encode_RandomText_EveryIdInRange()
    {
        var encoder = TextEncoder.Fit(Corpus);
        var random = new Random(5);
        const string alphabet = "abcdefghij ,.!':)(<>&\u00E9\u200B";
        for (var n = 0; n < 500; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            encoder.Encode(text).All(id => id >= 0 && id < encoder.Vocabulary.Count).Should().BeTrue();
        }
    }

    [Fact]
    public void Encode_RawText_SameIdsAsNormalizeThenEncodeNormalized()
    {
        var encoder = TextEncoder.Fit(Corpus);
        var random = new Random(11);
        var buffer = new int[64];
        string[] pieces = ["Movie", "GREAT", "it's", " ", "  ", "\t", "\n", "<br />", "<i>", "<3", "<", ">", "&amp;", "&", ":)", "!!", "\u0001", "caf\u00E9", "a<b", "x>y", "well-made"];
        for (var n = 0; n < 3000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = new List<int>();
            encoder.EncodeNormalized(encoder.Normalizer.Normalize(text), expected);
            encoder.Encode(text).Should().Equal(expected, "encoding \"{0}\"", text);
            var written = encoder.Encode(text, buffer);
            buffer.Take(written).Should().Equal(expected.Take(64));
        }
    }

    [Fact]
    public void Encode_IntoList_AppendsAndCounts()
    {
        var encoder = TextEncoder.Fit(Corpus);
        var ids = new List<int> { 42 };
        encoder.Encode("great movie", ids).Should().Be(2);
        ids.Should().HaveCount(3).And.StartWith(42);
    }

    [Fact]
    public void Encode_IntoSmallSpan_Truncates()
    {
        var encoder = TextEncoder.Fit(Corpus);
        Span<int> buffer = stackalloc int[2];
        encoder.Encode("i loved this great movie", buffer).Should().Be(2);
        buffer[0].Should().Be(encoder.Vocabulary.GetId("i"));
    }

    [Fact]
    public void Encode_CustomTokenizer_IsUsed()
    {
        var encoder = TextEncoder.Fit(Corpus, tokenizer: new CharTokenizer());
        encoder.Vocabulary.Contains("t").Should().BeTrue();
        encoder.Encode("tt").Should().Equal(encoder.Vocabulary.GetId("t"), encoder.Vocabulary.GetId("t"));
    }

    [Fact]
    public void OutOfVocabularyRate_MixedTexts_CountsUnknownShare()
    {
        var encoder = TextEncoder.Fit(Corpus);
        encoder.OutOfVocabularyRate(["great zebra", "movie yak"]).Should().Be(0.5);
    }

    private sealed class CharTokenizer : ITokenizer
    {
        public bool TryReadToken(ReadOnlySpan<char> text, ref int position, out int start, out int length)
        {
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }

            start = position;
            length = position < text.Length ? 1 : 0;
            position += length;
            return length == 1;
        }

        public IReadOnlyList<string> Tokenize(string text) => text.Where(c => c != ' ').Select(c => c.ToString()).ToArray();
    }
}
