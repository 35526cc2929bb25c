using System.Text;

namespace SentimentKit.Tests.Text;

/// <summary>Varied texts for comparing WordPiece tokenizers, and a small vocabulary made for them.</summary>
internal static class WordPieceCorpus
{
    /// <summary>Hand-picked texts, each aimed at one rule of basic tokenization or WordPiece.</summary>
    public static readonly string[] Handpicked =
    [
        string.Empty,
        "   ",
        "This movie was great!",
        "I didn't like it... at all.",
        "Worst. Film. Ever!!!",
        "The café served crème brûlée; the façade was naïve.",
        "Zoë and Björk met Dvořák in São Paulo — Ångström-level precision.",
        "résumé RÉSUMÉ Résumé",
        "ÉCOLE, ÆTHER, Œuvre, Straße, ǅungla",
        "<br /><br />The acting was <i>superb</i> &amp; the score &quot;memorable&quot;.",
        "<a href=\"http://example.com/x?y=1&z=2\">link</a>",
        "It costs $5.99 (50% off) — call 555-1234 or e-mail me@example.org #deal @friend",
        "C++ and C# are languages; U.S.A. vs. U.K.; 3.14159 ≈ π",
        "1,000,000 viewers in 2023/24; 9/10 would recommend, 10/10 for effort.",
        "I 😀 this film 👍🏽 ❤️ 🎬🍿",
        "family: 👨‍👩‍👧 flags: 🇺🇸🇯🇵 keycap: 1️⃣",
        "日本語のテキストです。とても良い映画でした！",
        "中文电影很好看，我很喜欢。",
        "한국어 영화 리뷰입니다. 정말 좋아요!",
        "Ελληνικά: Η ταινία ήταν ΚΑΛΗ.",
        "Русский: фильм был ОЧЕНЬ хорош, ёлки-палки!",
        "العربية: الفيلم كان رائعا",
        "हिन्दी फ़िल्म बहुत अच्छी थी।",
        "ไทย ภาพยนตร์ดีมาก",
        "Tabs\tand\nnewlines\r\nand\u00A0no-break\u2003em spaces",
        "zero\u200Bwidth soft\u00ADhyphen bom\uFEFFmark",
        "supercalifragilisticexpialidocious antidisestablishmentarianism",
        "pneumonoultramicroscopicsilicovolcanoconiosis is a long word",
        new string('a', 99) + " " + new string('b', 100),
        string.Concat(Enumerable.Repeat("ab", 50)) + "!",
        "unbelievably unforgettable unwatchable rewatchable",
        "\"Quoted\" 'single' «guillemets» „low-high“ ‘curly’ “double”",
        "dash-separated words—em dash–en dash",
        "ALL CAPS SHOUTING ABOUT THE MOVIE",
        "MiXeD CaSe WoRdS",
        "ﬁne ligatures ﬀ and full-width ＡＢＣ！",
        "Math: x² + y³ = z⁴, ½ ¼ ¾, ∑∫∂",
        "combining accents: e\u0301te\u0301 a\u0300 n\u0303o",
        "clichéd, clichéd, CLICHÉD",
        "wasn't won't can't shouldn't y'all o'clock",
        "...!!!???,,,;;;:::",
        "a.b.c.d.e.f.g",
        "#hashtag @mention $money %percent ^caret &and *star",
        "1st 2nd 3rd 4th 21st 100th",
        "Tom Hanks's performance in Forrest Gump (1994) was Oscar-worthy.",
        "Spoiler: the butler did it. Or did he?",
        "Rating: ★★★★☆ (4/5)",
        "Vietnamese: Phim này rất hay, tôi thích lắm!",
        "Turkish: İstanbul'da çok güzel bir film, IŞIK",
        "Polish: Łódź, źdźbło, żółć",
    ];

    /// <summary>The hand-picked texts followed by seeded mixes of their fragments, <paramref name="count"/> in all.</summary>
    public static IReadOnlyList<string> Create(int count)
    {
        var texts = new List<string>(Handpicked);
        var fragments = Handpicked
            .SelectMany(t => t.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)

            // Glued without a separator, two long fragments could pass BERT's 100-character limit,
            // where FastBertTokenizer differs on purpose; the hand-picked texts test the limit.
            .Where(f => f.Length <= 40)
            .ToArray();
        string[] separators = [" ", " ", " ", "", "\n", ", ", "...", " — ", "\t", "!", "<br />"];
        var random = new Random(20240917);
        while (texts.Count < count)
        {
            var builder = new StringBuilder();
            var parts = random.Next(1, 40);
            for (var p = 0; p < parts; p++)
            {
                var fragment = fragments[random.Next(fragments.Length)];
                builder.Append(random.Next(4) == 0 ? fragment.ToUpperInvariant() : fragment);
                builder.Append(separators[random.Next(separators.Length)]);
            }

            texts.Add(builder.ToString());
        }

        return texts;
    }

    /// <summary>
    /// A small vocabulary of the shape of BERT's: the specials, every lower-case ASCII letter, digit
    /// and punctuation character alone and as a continuation, a few accent-free Latin letters, and
    /// some English words and word parts; enough for real pieces and real unknowns.
    /// </summary>
    public static IReadOnlyList<string> GeneratedVocabulary()
    {
        var tokens = new List<string> { "[PAD]", "[unused0]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        var characters = "abcdefghijklmnopqrstuvwxyz0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ßæøœπ€£★…—–“”‘’«»„中文日本한간";
        foreach (var c in characters)
        {
            tokens.Add(c.ToString());
        }

        foreach (var c in "abcdefghijklmnopqrstuvwxyz0123456789ßæø")
        {
            tokens.Add("##" + c);
        }

        tokens.AddRange([
            "the", "movie", "film", "was", "great", "like", "it", "at", "all", "worst", "ever", "cafe", "creme", "brulee",
            "facade", "naive", "resume", "acting", "superb", "score", "br", "un", "##believ", "##ably", "##forget", "##table",
            "watch", "##able", "##ing", "##ed", "##s", "##ly", "re", "super", "##cal", "##if", "##rag", "##il", "##istic",
            "a", "an", "and", "to", "of", "in", "is", "this", "that", "very", "good", "bad", "cliche", "##d", "won", "can",
            "##t", "don", "didn", "wasn", "tom", "hanks", "performance", "oscar", "worthy", "butler", "did", "he", "or",
            "spoiler", "rating", "long", "word", "words", "dash", "caps", "about", "mixed", "case", "math", "##ington",
        ]);
        return tokens.Distinct(StringComparer.Ordinal).ToList();
    }
}
