using System.Text;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Onnx;

public class TorchStateDictTests
{
    [Theory]
    [InlineData(RnnCellType.Lstm)]
    [InlineData(RnnCellType.Gru)]
    [InlineData(RnnCellType.Rnn)]
    public void Read_RnnClassifierWeights_EqualsTorchSharpStateDict(RnnCellType cell)
    {
        torch.manual_seed(11);
        using var model = new RnnClassifier(new RnnClassifierOptions
        {
            VocabularySize = 9, EmbeddingSize = 3, HiddenSize = 4, Layers = 2, CellType = cell, Pooling = RnnPooling.Attention, HeadHiddenSize = 5, NumClasses = 3,
        });

        var read = TorchStateDict.Read(TorchFixtures.SaveWeights(model));

        ShouldEqual(read, model);
    }

    [Fact]
    public void Read_BidirectionalAttentionLstm_HasTheDocumentedKeys()
    {
        torch.manual_seed(12);
        using var model = new RnnClassifier(new RnnClassifierOptions
        {
            VocabularySize = 9, EmbeddingSize = 3, HiddenSize = 4, Layers = 2, Pooling = RnnPooling.Attention, HeadHiddenSize = 5,
        });

        var read = TorchStateDict.Read(TorchFixtures.SaveWeights(model));

        // The graph builders rely on these names; RnnClassifier's remarks document them.
        string[] recurrent = [.. from direction in new[] { "forward", "backward" }
                                from layer in new[] { 0, 1 }
                                from part in new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0" }
                                select $"rnn.{direction}.{layer}.{part}"];
        read.Tensors.Select(t => t.Name).Should().BeEquivalentTo(
            ["embedding.weight", .. recurrent, "attention.0.weight", "attention.0.bias", "attention.2.weight", "head.1.weight", "head.1.bias", "head.4.weight", "head.4.bias"]);
        read["rnn.backward.1.weight_ih_l0"].Shape.Should().Equal(16, 8);
    }

    [Fact]
    public void Read_BagOfNgramsClassifierWeights_EqualsTorchSharpStateDict()
    {
        torch.manual_seed(13);
        using var model = new BagOfNgramsClassifier(featureCount: 50, numClasses: 4);
        TorchFixtures.Randomize(model);

        var read = TorchStateDict.Read(TorchFixtures.SaveWeights(model));

        read.Tensors.Select(t => t.Name).Should().BeEquivalentTo("bag.weight", "bias");
        ShouldEqual(read, model);
    }

    [Fact]
    public void Read_BuffersOfEveryType_DecodesEachValue()
    {
        using var module = new Buffers();

        var read = TorchStateDict.Read(TorchFixtures.SaveWeights(module));

        read["f64"].ToFloats().Should().Equal(1.5f, -2.25f, float.PositiveInfinity);
        read["f16"].ToFloats().Should().Equal(0.5f, -3f);
        read["bf16"].ToFloats().Should().Equal(1f, -0.5f);
        read["i64"].ToInt64s().Should().Equal(long.MinValue, long.MaxValue);
        read["i32"].ToInt64s().Should().Equal(int.MinValue, 9);
        read["i16"].ToInt64s().Should().Equal(-300, 300);
        read["i8"].ToInt64s().Should().Equal(-7, 7);
        read["u8"].ToInt64s().Should().Equal(0, 255);
        read["flags"].ToInt64s().Should().Equal(1, 0, 1);
        read["flags"].DataType.Should().Be(TorchDataType.Bool);
        read["scalar"].Shape.Should().BeEmpty();
        read["scalar"].ToFloats().Should().Equal(4.5f);
        read["empty"].Shape.Should().Equal(0, 3);
        read["empty"].ToFloats().Should().BeEmpty();
        var convert = () => read["i8"].ToFloats();
        convert.Should().Throw<InvalidDataException>().WithMessage("*'i8'*not floating-point*");
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsInvalidDataException()
    {
        torch.manual_seed(14);
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = 5, EmbeddingSize = 2, HiddenSize = 2, Layers = 1, HeadHiddenSize = 2 });
        var bytes = TorchFixtures.SaveWeights(model);

        for (var length = 0; length < bytes.Length; length++)
        {
            var act = () => TorchStateDict.Read(bytes.AsSpan(0, length));

            act.Should().Throw<InvalidDataException>().WithMessage("Malformed TorchSharp state dict: *");
        }
    }

    [Fact]
    public void Read_TrailingBytes_ThrowsInvalidDataException()
    {
        using var model = new BagOfNgramsClassifier(featureCount: 3);
        byte[] bytes = [.. TorchFixtures.SaveWeights(model), 0];

        var act = () => TorchStateDict.Read(bytes);

        act.Should().Throw<InvalidDataException>().WithMessage("*1 unexpected bytes after the last of 2 entries*");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F }, "*entries cannot fit*")]
    [InlineData(new byte[] { 1, 1, (byte)'w', 99, 0 }, "*'w' has element type 99*")]
    [InlineData(new byte[] { 1, 1, (byte)'w', 6, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "*'w' needs more data than the bytes left*")]
    [InlineData(new byte[] { 1, 1, (byte)'w', 6, 0xFF, 0xFF, 0x03 }, "*'w' claims rank*")]
    [InlineData(new byte[] { 1, 2, 0xC3, 0x28, 6, 0 }, "*not valid UTF-8*")]
    [InlineData(new byte[] { 2, 1, (byte)'w', 0, 0, 7, 1, (byte)'w', 0, 0, 7 }, "*'w' appears twice*")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "*longer than ten bytes*")]
    public void Read_MalformedBytes_ThrowsInvalidDataExceptionNamingTheProblem(byte[] bytes, string message)
    {
        var act = () => TorchStateDict.Read(bytes);

        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void Read_Stream_SameAsBytes()
    {
        using var model = new BagOfNgramsClassifier(featureCount: 3);
        using var stream = new MemoryStream(TorchFixtures.SaveWeights(model));

        var read = TorchStateDict.Read(stream);

        read.Tensors.Select(t => t.Name).Should().BeEquivalentTo("bag.weight", "bias");
    }

    private static void ShouldEqual(TorchStateDict read, nn.Module module)
    {
        var expected = module.state_dict();
        read.Tensors.Select(t => t.Name).Should().Equal(expected.Keys);
        foreach (var (name, tensor) in expected)
        {
            var entry = read[name];
            entry.DataType.Should().Be(TorchDataType.Float32);
            entry.Shape.Should().Equal(tensor.shape);
            entry.ToFloats().Should().Equal(tensor.data<float>().ToArray(), $"'{name}' holds the same values");
        }
    }

    private sealed class Buffers : nn.Module
    {
        public Buffers()
            : base(nameof(Buffers))
        {
            register_buffer("f64", torch.tensor(new[] { 1.5, -2.25, double.PositiveInfinity }));
            register_buffer("f16", torch.tensor(new[] { 0.5f, -3f }).to(ScalarType.Float16));
            register_buffer("bf16", torch.tensor(new[] { 1f, -0.5f }).to(ScalarType.BFloat16));
            register_buffer("i64", torch.tensor(new[] { long.MinValue, long.MaxValue }));
            register_buffer("i32", torch.tensor(new[] { int.MinValue, 9 }));
            register_buffer("i16", torch.tensor(new short[] { -300, 300 }));
            register_buffer("i8", torch.tensor(new sbyte[] { -7, 7 }));
            register_buffer("u8", torch.tensor(new byte[] { 0, 255 }));
            register_buffer("flags", torch.tensor(new[] { true, false, true }));
            register_buffer("scalar", torch.tensor(4.5f));
            register_buffer("empty", torch.zeros(0, 3));
        }
    }
}
