namespace SentimentKit.Text;

/// <summary>Settings for aligning pretrained word vectors to a <see cref="Vocabulary"/>.</summary>
public sealed class WordVectorOptions
{
    /// <summary>Gets or sets the seed of the random initialization of words the file does not have.</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Gets or sets the half-width of the uniform distribution that initializes words the file does not have:
    /// their values are drawn from <c>U(-InitScale, +InitScale)</c>.
    /// </summary>
    /// <value>The default value is 0.05.</value>
    public float InitScale { get; set; } = 0.05f;

    /// <summary>
    /// Gets or sets a value indicating whether a file word that is not in the vocabulary is tried again
    /// lower-cased (for cased files such as word2vec's); an exact match always wins over a lower-cased one.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool LowerCaseFallback { get; set; } = true;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(float.IsFinite(InitScale) && InitScale >= 0, FormattableString.Invariant($"{nameof(InitScale)} must be finite and not negative (was {InitScale})."));
        errors.ThrowIfAny(nameof(WordVectorOptions));
    }

    /// <summary>Copies the options, so that later changes to this instance reach nothing that took the copy.</summary>
    /// <returns>A copy.</returns>
    public WordVectorOptions Clone() => (WordVectorOptions)MemberwiseClone();
}
