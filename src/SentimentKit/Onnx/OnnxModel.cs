namespace SentimentKit.Onnx;

/// <summary>
/// An ONNX model (<c>ModelProto</c>) as this library reads and writes it: the IR version, the imported operator
/// sets, producer fields, metadata and one graph. <see cref="Read(byte[])"/> reads a <c>.onnx</c> file
/// (hand-written protobuf, no dependency) and checks that it is consistent; <see cref="ToByteArray"/> writes one.
/// </summary>
/// <remarks>
/// Kept: everything a plain inference graph needs (nodes with scalar, list, string and tensor attributes,
/// initializers in any of the standard data fields or <c>raw_data</c>, typed inputs and outputs with fixed or
/// named dimensions, metadata). Skipped: subgraph and sparse attribute values, sparse initializers, training
/// information, local functions. Tensors with external data are refused.
/// </remarks>
internal sealed class OnnxModel
{
    /// <summary>The IR version that opset 17 belongs to, which this library writes.</summary>
    public const long DefaultIrVersion = 8;

    /// <summary>The most bytes a protobuf message can have (2 GiB - 1).</summary>
    public const int MaxBytes = int.MaxValue;

    /// <summary>Gets or sets the IR version.</summary>
    public long IrVersion { get; set; } = DefaultIrVersion;

    /// <summary>Gets the operator sets the model imports.</summary>
    public List<OnnxOperatorSet> OpsetImports { get; } = [];

    /// <summary>Gets or sets the name of the tool that wrote the model.</summary>
    public string? ProducerName { get; set; }

    /// <summary>Gets or sets the version of the tool that wrote the model.</summary>
    public string? ProducerVersion { get; set; }

    /// <summary>Gets or sets the model's domain (reverse-DNS, optional).</summary>
    public string? Domain { get; set; }

    /// <summary>Gets or sets the model's own version number (optional).</summary>
    public long ModelVersion { get; set; }

    /// <summary>Gets or sets the documentation string (optional).</summary>
    public string? DocString { get; set; }

    /// <summary>Gets or sets the graph.</summary>
    public OnnxGraph Graph { get; set; } = new();

    /// <summary>Gets the metadata (<c>metadata_props</c>), in file order; a key a file repeats keeps its last value.</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads and checks a model.</summary>
    /// <param name="bytes">The whole <c>.onnx</c> file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="OnnxFormatException">The bytes are not a consistent ONNX model this codec supports.</exception>
    public static OnnxModel Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Read(bytes.AsSpan());
    }

    /// <summary>Reads and checks a model.</summary>
    /// <param name="bytes">The whole <c>.onnx</c> file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="OnnxFormatException">The bytes are not a consistent ONNX model this codec supports.</exception>
    public static OnnxModel Read(ReadOnlySpan<byte> bytes)
    {
        var model = OnnxProtoReader.ReadModel(bytes);
        OnnxModelChecks.Check(model);
        return model;
    }

    /// <summary>Reads and checks a model from the rest of a stream.</summary>
    /// <param name="stream">The stream, positioned at the start of the model.</param>
    /// <returns>The model.</returns>
    /// <exception cref="OnnxFormatException">The bytes are not a consistent ONNX model this codec supports, or exceed 2 GiB.</exception>
    public static OnnxModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(ReadAll(stream));
    }

    /// <summary>Writes the model as <c>.onnx</c> bytes.</summary>
    public byte[] ToByteArray()
    {
        var writer = new ProtobufWriter();
        OnnxProtoWriter.WriteModel(writer, this);
        return writer.ToArray();
    }

    /// <summary>Writes the model as <c>.onnx</c> bytes to a stream.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var writer = new ProtobufWriter();
        OnnxProtoWriter.WriteModel(writer, this);
        stream.Write(writer.WrittenSpan);
    }

    /// <summary>Gets the version of an imported operator set, or <see langword="null"/> when it is not imported.</summary>
    public long? OpsetVersion(string domain) =>
        OpsetImports.Find(o => OnnxOperatorSet.SameDomain(o.Domain, domain))?.Version;

    private static byte[] ReadAll(Stream stream)
    {
        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining > MaxBytes)
            {
                throw TooLarge(remaining);
            }

            var bytes = new byte[remaining];
            stream.ReadExactly(bytes);
            return bytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge(buffer.Length + read);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static OnnxFormatException TooLarge(long length) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The ONNX file has {length} bytes, more than protobuf's 2 GiB limit (models that large keep their weights as external data, which this reader does not support)."));
}
