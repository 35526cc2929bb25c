using System.Text;
using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class Utf8TextBufferTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(4095)]
    [InlineData(65536)]
    public void ToString_TextOverAChunkAppendedInPieces_DecodesExactly(int pieceSize)
    {
        // Three MiB of text with 2-, 3- and 4-byte characters, so that sequences straddle pieces and 1 MiB chunks.
        var text = string.Concat(Enumerable.Repeat("caf\u00E9 \u20AC \U0001F600 plain words\n", 3 << 20 >> 5));
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = new Utf8TextBuffer();

        foreach (var piece in bytes.Chunk(pieceSize))
        {
            buffer.Append(piece);
        }

        buffer.Complete();
        buffer.IsValid.Should().BeTrue();
        buffer.Length.Should().Be(bytes.Length);
        buffer.IsContiguous.Should().BeFalse();
        buffer.ToString().Should().Be(text);
        buffer.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public void Clear_AfterAHugeText_StartsAfresh()
    {
        var buffer = new Utf8TextBuffer();
        buffer.Append(new byte[3 << 20]);
        buffer.Clear();

        buffer.Append("short"u8);
        buffer.Complete();

        buffer.IsContiguous.Should().BeTrue();
        buffer.ToString().Should().Be("short");
        buffer.Memory.ToArray().Should().Equal("short"u8.ToArray());
    }

    [Fact]
    public void Append_InvalidSequenceOnThirdLine_ReportsThatLine()
    {
        var buffer = new Utf8TextBuffer();
        buffer.Append("one\ntwo\n"u8);
        buffer.Append([(byte)'x', 0xC3]);
        buffer.Append([(byte)'(', (byte)'\n', (byte)'y']);
        buffer.Complete();

        buffer.IsValid.Should().BeFalse();
        buffer.InvalidLine.Should().Be(3);
    }

    [Fact]
    public void Complete_SequenceCutAtTheEnd_IsInvalid()
    {
        var buffer = new Utf8TextBuffer();
        buffer.Append("ok\n"u8);
        buffer.Append([0xE2, 0x82]);

        buffer.IsValid.Should().BeTrue();
        buffer.Complete();

        buffer.IsValid.Should().BeFalse();
        buffer.InvalidLine.Should().Be(2);
    }

    [Fact]
    public void Append_NotStored_ChecksAndCountsOnly()
    {
        var buffer = new Utf8TextBuffer(store: false);
        buffer.Append(new byte[5000]);
        buffer.Append([0xFF]);
        buffer.Complete();

        buffer.Length.Should().Be(5001);
        buffer.IsValid.Should().BeFalse();
        var act = () => buffer.ToString();
        act.Should().Throw<InvalidOperationException>();
    }
}
