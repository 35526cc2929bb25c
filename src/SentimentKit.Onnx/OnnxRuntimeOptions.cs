namespace SentimentKit.Onnx;

/// <summary>How the libtorch-free runtime scores: threads of ONNX Runtime and texts per batch.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>Gets or sets the threads ONNX Runtime uses inside one batch of a recurrent or transformer model; <see langword="null"/> lets ONNX Runtime choose (one per physical core).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? IntraOpThreads { get; set; }

    /// <summary>Gets or sets the most texts scored together inside <see cref="ISentimentPredictor.PredictBatch"/>.</summary>
    /// <value>The default value is 256.</value>
    public int BatchSize { get; set; } = 256;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.AtLeastWhenSet(nameof(IntraOpThreads), IntraOpThreads, 1);
        errors.AtLeast(nameof(BatchSize), BatchSize, 1);

        errors.ThrowIfAny(nameof(OnnxRuntimeOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public OnnxRuntimeOptions Clone() => (OnnxRuntimeOptions)MemberwiseClone();
}
