namespace SentimentKit.Text;

/// <summary>
/// Settings of a <see cref="WordPieceTokenizer"/>. The defaults are those of uncased BERT models
/// (bert-base-uncased, all-MiniLM-L6-v2): lower-cased, accents stripped, words of more than 100
/// characters read as <c>[UNK]</c>.
/// </summary>
public sealed class WordPieceTokenizerOptions
{
    /// <summary>Gets or sets a value indicating whether text is lower-cased (uncased models).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool LowerCase { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether accents are stripped (canonical decomposition, then
    /// non-spacing marks dropped), or <see langword="null"/> to strip them exactly when
    /// <see cref="LowerCase"/> is set, as BERT's tokenizers do.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public bool? StripAccents { get; set; }

    /// <summary>Gets or sets the longest word, in Unicode code points, that is split into pieces; a longer one becomes <c>[UNK]</c>.</summary>
    /// <value>The default value is 100.</value>
    public int MaxCharactersPerWord { get; set; } = 100;

    /// <summary>Gets a value indicating whether accents are stripped, with <see cref="StripAccents"/> resolved.</summary>
    internal bool ResolvedStripAccents => StripAccents ?? LowerCase;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.AtLeast(nameof(MaxCharactersPerWord), MaxCharactersPerWord, 1);
        errors.ThrowIfAny(nameof(WordPieceTokenizerOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public WordPieceTokenizerOptions Clone() => (WordPieceTokenizerOptions)MemberwiseClone();
}
