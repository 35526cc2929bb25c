using System.Text;
using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class TextNormalizerTests
{
    private static readonly TextNormalizer Normalizer = new();

    [Theory]
    [InlineData("good")]
    [InlineData("g\u200Bood")]
    [InlineData("\uFF47\uFF4F\uFF4F\uFF44")]
    [InlineData("GOOD")]
    [InlineData("\uFEFFgo\u00ADod")]
    [InlineData("go\u200Dod")]
    public void Normalize_VariantsOfGood_GiveSameTokens(string text)
    {
        WordTokenizer.Instance.Tokenize(Normalizer.Normalize(text)).Should().Equal("good");
    }

    [Fact]
    public void Normalize_ImdbLineBreaks_BecomeSingleSpaces()
    {
        Normalizer.Normalize("Great film.<br /><br />Loved it").Should().Be("great film. loved it");
    }

    [Fact]
    public void Normalize_HtmlTagsAndEntities_AreReplacedAndDecoded()
    {
        Normalizer.Normalize("<i>Rock &amp; Roll</i> &quot;fun&quot; it&#39;s").Should().Be("rock & roll \"fun\" it's");
    }

    [Theory]
    [InlineData("i <3 it", "i <3 it")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    public void Normalize_LessThanThatIsNoTag_IsKept(string text, string expected)
    {
        Normalizer.Normalize(text).Should().Be(expected);
    }

    [Fact]
    public void Normalize_ControlCharactersAndWhitespaceRuns_CollapseToOneSpace()
    {
        Normalizer.Normalize("  a\t\tb\r\n\u0001c\u00A0 d  ").Should().Be("a b c d");
    }

    [Fact]
    public void Normalize_NormalizedAsciiText_ReturnsSameInstance()
    {
        const string text = "already normalized, isn't it?";
        Normalizer.Normalize(text).Should().BeSameAs(text);
    }

    [Fact]
    public void Normalize_OptionsDisabled_KeepCaseAndTags()
    {
        var normalizer = new TextNormalizer(new TextNormalizerOptions { LowerCase = false, StripHtmlTags = false });
        normalizer.Normalize("Big <b>Deal</b>").Should().Be("Big <b>Deal</b>");
    }

    [Fact]
    public void Normalize_UnicodeNormalizationDisabled_KeepsFullWidth()
    {
        var normalizer = new TextNormalizer(new TextNormalizerOptions { UnicodeNormalization = false });
        normalizer.Normalize("\uFF47").Should().Be("\uFF47");
    }

    [Fact]
    public void Normalize_EntityThatDecodesToTag_IsIdempotent()
    {
        var once = Normalizer.Normalize("x &lt;&#8203;b&gt; &amp;amp;lt;y &AMP;");
        Normalizer.Normalize(once).Should().Be(once);
    }

    [Fact]
    public void Normalize_ManyGeneratedStrings_IsIdempotent()
    {
        const string alphabet = "aBz09 <>/!&;#x3lgtmp'\"-.\t\n\u200B\u00AD\uFEFF\uFF21\uFF1C\uFF06\u00C9\u0301\uFB01\u2126\u0130\u00A0\u0007";
        var random = new Random(1234);
        var builder = new StringBuilder();
        for (var n = 0; n < 5000; n++)
        {
            builder.Clear();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                if (random.Next(10) == 0)
                {
                    builder.Append(random.Next(3) switch { 0 => "<br />", 1 => "&amp;", _ => "&lt;i&gt;" });
                }
                else
                {
                    builder.Append(alphabet[random.Next(alphabet.Length)]);
                }
            }

            var text = builder.ToString();
            var once = Normalizer.Normalize(text);
            Normalizer.Normalize(once).Should().Be(once, "normalizing \"{0}\" twice must change nothing", text);
            Normalizer.IsNormalized(once).Should().BeTrue();
        }
    }

    [Fact]
    public void Normalize_EveryOptionCombination_IsIdempotent()
    {
        const string alphabet = "aZ0 <>/!&;#tl'\t\n\u0001\u200B\uFF21\u00C9\u00A0";
        var random = new Random(99);
        for (var mask = 0; mask < 64; mask++)
        {
            var normalizer = new TextNormalizer(new TextNormalizerOptions
            {
                LowerCase = (mask & 1) != 0,
                StripHtmlTags = (mask & 2) != 0,
                DecodeHtmlEntities = (mask & 4) != 0,
                UnicodeNormalization = (mask & 8) != 0,
                RemoveFormatCharacters = (mask & 16) != 0,
                CollapseWhitespace = (mask & 32) != 0,
            });
            for (var n = 0; n < 300; n++)
            {
                var text = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())
                    + (random.Next(2) == 0 ? "<br />x&amp;" : string.Empty);
                var once = normalizer.Normalize(text);
                normalizer.Normalize(once).Should().Be(once, "options {0} on \"{1}\"", mask, text);
            }
        }
    }

    [Theory]
    [InlineData("A\tB\u0001C  D", "a\tb c  d")]
    [InlineData("x<br/>y", "x y")]
    public void Normalize_CollapseDisabled_KeepsWhitespaceAndMapsControlsToSpace(string text, string expected)
    {
        var normalizer = new TextNormalizer(new TextNormalizerOptions { CollapseWhitespace = false });
        normalizer.Normalize(text).Should().Be(expected);
    }

    [Fact]
    public void Normalize_AsciiAndNonAsciiPaths_AgreeOnSharedRules()
    {
        Normalizer.Normalize("Caf\u00C9<br />  GREAT\t&amp; <3").Should().Be("caf\u00E9 great & <3");
        Normalizer.Normalize("Cafe<br />  GREAT\t&amp; <3").Should().Be("cafe great & <3");
    }

    [Fact]
    public void Constructor_NullOptions_ThrowsArgumentNullException()
    {
        var act = () => new TextNormalizer(null!);
        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Options_ChangedAfterConstruction_DoNotAffectNormalizer()
    {
        var options = new TextNormalizerOptions();
        var normalizer = new TextNormalizer(options);
        options.LowerCase = false;
        normalizer.Normalize("ABC").Should().Be("abc");
    }
}
