namespace SentimentKit.Text;

/// <summary>
/// Settings of a <see cref="TextNormalizer"/>. The defaults suit English reviews scraped from the
/// web, such as IMDB's.
/// </summary>
public sealed class TextNormalizerOptions
{
    /// <summary>Gets or sets a value indicating whether text is lower-cased (culture-invariant).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool LowerCase { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether HTML tags such as <c>&lt;br /&gt;</c> are replaced by a space.
    /// A tag is <c>&lt;</c> followed by a letter, <c>/</c> or <c>!</c> and closed by <c>&gt;</c> within
    /// 256 characters, with no <c>&lt;</c> inside; so <c>&lt;3</c> and <c>a &lt; b</c> are kept.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool StripHtmlTags { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether HTML entities (<c>&amp;amp;</c>, <c>&amp;#39;</c> …) are decoded.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DecodeHtmlEntities { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether text is put in Unicode normalization form KC, which
    /// folds compatibility characters such as full-width letters and ligatures into their plain forms.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UnicodeNormalization { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether invisible format characters (Unicode category Cf: zero-width
    /// space and joiners, byte order mark, soft hyphen …) are removed. Control characters are always
    /// treated as white space.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RemoveFormatCharacters { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether runs of white space (and control characters) become one
    /// space, with none at the start or the end.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CollapseWhitespace { get; set; } = true;

    /// <summary>Creates a copy of these options, so that a normalizer is not changed by later edits.</summary>
    /// <returns>A new instance with the same values.</returns>
    public TextNormalizerOptions Clone() => (TextNormalizerOptions)MemberwiseClone();

    /// <summary>Checks every setting and reports every problem at once. Every combination of these switches is valid, so this never throws; it exists so that every options type has the same contract.</summary>
    /// <exception cref="InvalidOptionsException">Never, today.</exception>
    public void Validate() => new OptionErrors().ThrowIfAny(nameof(TextNormalizerOptions));
}
