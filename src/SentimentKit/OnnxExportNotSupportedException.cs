namespace SentimentKit;

/// <summary>
/// A model of this kind has no ONNX export (yet): <see cref="SentimentModel.ExportOnnx(string)"/> refuses it before
/// writing anything.
/// </summary>
public sealed class OnnxExportNotSupportedException : NotSupportedException
{
    /// <summary>Initializes a new instance of the <see cref="OnnxExportNotSupportedException"/> class.</summary>
    public OnnxExportNotSupportedException()
        : this("This model kind cannot be exported to ONNX.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OnnxExportNotSupportedException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    public OnnxExportNotSupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OnnxExportNotSupportedException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public OnnxExportNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OnnxExportNotSupportedException"/> class for a model kind.</summary>
    /// <param name="kind">The kind that cannot be exported.</param>
    public OnnxExportNotSupportedException(ModelKind kind)
        : base($"Models of kind {ModelKindNames.Name(kind)} cannot be exported to ONNX yet; the recurrent and n-gram models can.")
    {
        Kind = kind;
    }

    /// <summary>Gets the kind that cannot be exported, when known.</summary>
    public ModelKind? Kind { get; }
}
