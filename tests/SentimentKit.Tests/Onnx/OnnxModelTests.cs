using System.Runtime.InteropServices;
using SentimentKit.Onnx;

namespace SentimentKit.Tests.Onnx;

public class OnnxModelTests
{
    [Fact]
    public void Read_WrittenModel_RoundTripsEveryField()
    {
        var model = OnnxSamples.EveryField();

        var bytes = model.ToByteArray();
        var read = OnnxModel.Read(bytes);

        read.Should().BeEquivalentTo(model, o => o.WithStrictOrdering());
        read.Graph.GetInitializer("f16").GetFloats().Should().Equal(1f, -2f);
        read.Graph.GetInitializer("i32").GetInt64s().Should().Equal(int.MinValue, 7);
        read.Graph.GetInitializer("bool").GetInt64s().Should().Equal(1, 0, 1);
        read.Graph.Nodes[0].FindAttribute("mode")!.Text.Should().Be("bidirectional");
        read.ToByteArray().Should().Equal(bytes, "writing is deterministic");
    }

    [Fact]
    public void Read_Stream_SameAsBytes()
    {
        var bytes = OnnxSamples.EveryField().ToByteArray();
        using var stream = new MemoryStream(bytes);

        var read = OnnxModel.Read(stream);

        read.ToByteArray().Should().Equal(bytes);
    }

    [Fact]
    public void WriteTo_Stream_WritesSameBytesAsToByteArray()
    {
        var model = OnnxSamples.Dense();
        using var stream = new MemoryStream();

        model.WriteTo(stream);

        stream.ToArray().Should().Equal(model.ToByteArray());
    }

    [Fact]
    public void Read_WrittenGraph_RunsInOnnxRuntime()
    {
        var bytes = OnnxSamples.Dense().ToByteArray();
        using var session = new OnnxRuntimeSession(bytes);

        var outputs = session.Run(("x", OnnxRuntimeSession.Floats([1f, 2f, 3f, -1f, 0f, 1f], 2, 3)));

        // Row 1: [1,2,3]·W = [0.5+4-2.25, -1+0.5+4.5] = [2.25, 4]; + b = [2.35, 3.8].
        // Row 2: [-1,0,1]·W = [-0.5-0.75, 1+1.5] = [-1.25, 2.5]; + b, Relu = [0, 2.3].
        outputs["y"].Shape.Should().Equal(2, 2);
        outputs["y"].Values.Should().BeEquivalentTo(new[] { 2.35f, 3.8f, 0f, 2.3f }, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
    }

    [Fact]
    public void Read_PackedAndUnpackedRepeatedFields_ReadsBoth()
    {
        // dims packed, float_data packed; a second tensor with dims unpacked and int64_data/int32_data unpacked.
        var bytes = ModelWithInitializers(
            tensor =>
            {
                tensor.WriteBytes(1, PackedVarints(2, 2));
                tensor.WriteInt64(2, (long)OnnxDataType.Float);
                tensor.WriteBytes(4, MemoryMarshal.AsBytes<float>([1f, 2f, 3f, 4f]));
                tensor.WriteString(8, "packed");
            },
            tensor =>
            {
                tensor.WriteRepeatedInt64(1, [3]);
                tensor.WriteInt64(2, (long)OnnxDataType.Int64);
                tensor.WriteRepeatedInt64(7, [-5, 0, 1L << 40]);
                tensor.WriteString(8, "unpacked");
            },
            tensor =>
            {
                tensor.WriteRepeatedInt64(1, [2]);
                tensor.WriteInt64(2, (long)OnnxDataType.Int8);
                tensor.WriteRepeatedInt64(5, [-7, 100]);
                tensor.WriteString(8, "int8");
            });

        var graph = OnnxModel.Read(bytes).Graph;

        graph.GetInitializer("packed").Dims.Should().Equal(2, 2);
        graph.GetInitializer("packed").FloatData.Should().Equal(1f, 2f, 3f, 4f);
        graph.GetInitializer("unpacked").Int64Data.Should().Equal(-5, 0, 1L << 40);
        graph.GetInitializer("int8").GetInt64s().Should().Equal(-7, 100);
    }

    [Fact]
    public void Read_LargeRawInitializer_ReadsEveryValue()
    {
        var values = new float[3_000_000];
        var random = new Random(5);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        var model = OnnxSamples.Dense();
        model.Graph.Initializers.Add(OnnxTensor.FromFloats("big", [1000, 3000], values));

        var read = OnnxModel.Read(model.ToByteArray());

        read.Graph.GetInitializer("big").FloatData.Should().Equal(values);
    }

    [Fact]
    public void Read_Empty_ThrowsOnnxFormatException()
    {
        var act = () => OnnxModel.Read(Array.Empty<byte>());

        act.Should().Throw<OnnxFormatException>().WithMessage("*empty*");
    }

    [Fact]
    public void Read_CutInsideGraph_ThrowsTruncated()
    {
        var bytes = OnnxSamples.Dense().ToByteArray();

        var act = () => OnnxModel.Read(bytes.AsSpan(0, bytes.Length / 2).ToArray());

        act.Should().Throw<OnnxFormatException>().WithMessage("Truncated ONNX:*");
    }

    [Fact]
    public void Read_LengthPrefixBeyondFile_ThrowsTruncatedWithoutAllocating()
    {
        // Field 7 (graph), length-delimited, length 2^35.
        byte[] bytes = [0x3A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];

        var act = () => OnnxModel.Read(bytes);

        act.Should().Throw<OnnxFormatException>().WithMessage("Truncated ONNX: length 34359738368 in ModelProto at byte 1*");
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x01, 0x00 }, "*bad wire type*field 1*")]
    [InlineData(new byte[] { 0x0F }, "*wire type 7 (bad wire type)*")]
    [InlineData(new byte[] { 0x7B }, "*group*")]
    [InlineData(new byte[] { 0x00 }, "*field number 0*")]
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "*varint longer than ten bytes*")]
    [InlineData(new byte[] { 0x08, 0x08 }, "*no graph*")]
    public void Read_MalformedWireFormat_ThrowsOnnxFormatExceptionNamingTheProblem(byte[] bytes, string message)
    {
        var act = () => OnnxModel.Read(bytes);

        act.Should().Throw<OnnxFormatException>().WithMessage(message);
    }

    [Fact]
    public void Read_NodeReadsUndefinedValue_ThrowsMissingInput()
    {
        var model = OnnxSamples.Dense();
        model.Graph.Nodes[1].Inputs[1] = "nowhere";

        var act = () => OnnxModel.Read(model.ToByteArray());

        act.Should().Throw<OnnxFormatException>().WithMessage("*missing input*'nowhere'*");
    }

    [Fact]
    public void Read_NodeOfDomainNotImported_ThrowsUnknownOpset()
    {
        var model = OnnxSamples.Dense();
        model.Graph.Nodes[2].Domain = "com.microsoft";

        var act = () => OnnxModel.Read(model.ToByteArray());

        act.Should().Throw<OnnxFormatException>().WithMessage("*unknown opset*com.microsoft*");
    }

    [Fact]
    public void Read_OutputNotDefined_ThrowsMissingOutput()
    {
        var model = OnnxSamples.Dense();
        model.Graph.Outputs.Add(new OnnxValueInfo("ghost", OnnxDataType.Float, null));

        var act = () => OnnxModel.Read(model.ToByteArray());

        act.Should().Throw<OnnxFormatException>().WithMessage("*missing output*'ghost'*");
    }

    [Fact]
    public void Read_ExternalData_ThrowsNamingTheFile()
    {
        var bytes = ModelWithInitializers(tensor =>
        {
            tensor.WriteRepeatedInt64(1, [2]);
            tensor.WriteInt64(2, (long)OnnxDataType.Float);
            tensor.WriteString(8, "W");
            tensor.WriteMessage(13, 0, static (entry, _) =>
            {
                entry.WriteString(1, "location");
                entry.WriteString(2, "weights.bin");
            });
            tensor.WriteInt64(14, 1);
        });

        var act = () => OnnxModel.Read(bytes);

        act.Should().Throw<OnnxFormatException>().WithMessage("*tensor 'W' with external data in 'weights.bin'*");
    }

    [Fact]
    public void Read_RawDataShorterThanDims_ThrowsOnnxFormatException()
    {
        var bytes = ModelWithInitializers(tensor =>
        {
            tensor.WriteRepeatedInt64(1, [1_000_000_000, 1_000_000_000]);
            tensor.WriteInt64(2, (long)OnnxDataType.Float);
            tensor.WriteString(8, "W");
            tensor.WriteBytes(9, new byte[8]);
        });

        var act = () => OnnxModel.Read(bytes);

        act.Should().Throw<OnnxFormatException>().WithMessage("*tensor 'W' with 8 bytes of raw data*");
    }

    [Fact]
    public void Read_InvalidUtf8Name_ThrowsOnnxFormatException()
    {
        var bytes = ModelWithInitializers(tensor =>
        {
            tensor.WriteInt64(2, (long)OnnxDataType.Float);
            tensor.WriteBytes(8, [0xC3, 0x28]);
        });

        var act = () => OnnxModel.Read(bytes);

        act.Should().Throw<OnnxFormatException>().WithMessage("*not valid UTF-8*TensorProto*");
    }

    [Fact]
    public void Read_RandomCorruptions_ThrowOnlyOnnxFormatException()
    {
        var original = OnnxSamples.EveryField().ToByteArray();
        var random = new Random(20260101);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var corrupt = Corrupt(original, random, trial);
            string outcome;
            try
            {
                var model = OnnxModel.Read(corrupt);
                // Whatever was read must also be writable.
                model.ToByteArray();
                outcome = "read";
            }
            catch (OnnxFormatException e)
            {
                e.Message.Should().NotContain("\n");
                outcome = e.Message.Split(':')[0];
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        outcomes.Keys.Should().Contain(["Truncated ONNX", "Malformed ONNX", "Inconsistent ONNX model"]);
    }

    [Fact]
    public void Read_EveryPrefix_ThrowsOnlyOnnxFormatExceptionOrReadsAWholeModel()
    {
        var original = OnnxSamples.EveryField().ToByteArray();
        for (var length = 0; length < original.Length; length++)
        {
            try
            {
                var model = OnnxModel.Read(original.AsSpan(0, length));
                // Only a cut between top-level fields after the graph can read; the metadata is written last.
                model.Graph.Nodes.Should().HaveCount(2);
            }
            catch (OnnxFormatException)
            {
            }
        }
    }

    private static byte[] Corrupt(byte[] original, Random random, int trial)
    {
        var bytes = (byte[])original.Clone();
        switch (trial % 4)
        {
            case 0:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    var bit = random.Next(bytes.Length * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                }

                return bytes;
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2:
                return bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
            default:
                var at = random.Next(bytes.Length);
                var inserted = new byte[random.Next(1, 6)];
                random.NextBytes(inserted);
                return [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)];
        }
    }

    private static byte[] ModelWithInitializers(params Action<ProtobufWriter>[] tensors)
    {
        var writer = new ProtobufWriter();
        writer.WriteInt64(1, 8);
        writer.WriteMessage(7, tensors, static (graph, initializers) =>
        {
            foreach (var write in initializers)
            {
                graph.WriteMessage(5, write, static (tensor, w) => w(tensor));
            }

            graph.WriteMessage(12, 0, static (output, _) => output.WriteString(1, "out"));
            graph.WriteMessage(1, 0, static (node, _) =>
            {
                node.WriteString(2, "out");
                node.WriteString(4, "Constant");
            });
        });
        writer.WriteMessage(8, 0, static (opset, _) => opset.WriteInt64(2, 17));
        return writer.ToArray();
    }

    private static byte[] PackedVarints(params long[] values)
    {
        var bytes = new List<byte>();
        foreach (var value in values)
        {
            var rest = (ulong)value;
            for (; rest >= 0x80; rest >>= 7)
            {
                bytes.Add((byte)(rest | 0x80));
            }

            bytes.Add((byte)rest);
        }

        return [.. bytes];
    }
}
