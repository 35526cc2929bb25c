using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class CheckedGZipStreamTests
{
    private static readonly byte[] Data = MakeData();

    [Fact]
    public void Read_OneMember_GivesTheData()
    {
        Decompress(GzipFixture.Compress(Data)).Should().Equal(Data);
    }

    [Fact]
    public void Read_SeveralMembers_GivesAllTheData()
    {
        Decompress(GzipFixture.CompressInMembers(Data, 5)).Should().Equal(Data);
    }

    [Fact]
    public void Read_HeaderWithNameCommentExtraAndHeaderCrc_SkipsThem()
    {
        Decompress(GzipFixture.CompressWithHeaderFields(Data)).Should().Equal(Data);
    }

    [Fact]
    public void Read_ZeroPaddingAfterTheLastMember_IsAccepted()
    {
        Decompress([.. GzipFixture.Compress(Data), .. new byte[1000]]).Should().Equal(Data);
    }

    [Fact]
    public void Read_GarbageAfterTheLastMember_Throws()
    {
        var act = () => Decompress([.. GzipFixture.Compress(Data), 0, 0, 7]);
        act.Should().Throw<DataFormatException>().WithMessage("x.gz: unexpected data at byte *");
    }

    [Theory]
    [InlineData(8, "CRC-32")]
    [InlineData(4, "size")]
    public void Read_TrailerFieldFlipped_Throws(int fromEnd, string field)
    {
        var gzip = GzipFixture.Compress(Data);
        var act = () => Decompress(GzipFixture.Flip(gzip, gzip.Length - fromEnd, 0x01));
        act.Should().Throw<DataFormatException>(field).WithMessage("x.gz: the gzip data is corrupt or truncated*trailer does not confirm.");
    }

    [Fact]
    public void Read_CrcOfAnEarlierMemberFlipped_Throws()
    {
        var first = GzipFixture.Compress(Data[..1000]);
        var act = () => Decompress([.. GzipFixture.Flip(first, first.Length - 6), .. GzipFixture.Compress(Data[1000..])]);
        act.Should().Throw<DataFormatException>().WithMessage("*member at byte 0 *");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(200)]
    public void Read_DataCutShort_Throws(int cut)
    {
        var gzip = GzipFixture.Compress(Data);
        var act = () => Decompress(gzip[..^cut]);
        act.Should().Throw<DataFormatException>().WithMessage("x.gz: the gzip data is corrupt*");
    }

    [Fact]
    public void Read_MoreThanTheLimit_ThrowsNamingTheLimitAndHowToRaiseIt()
    {
        using var stream = new CheckedGZipStream(new MemoryStream(GzipFixture.Compress(Data)), "x.gz", maxDecompressedBytes: 1000);
        var act = () => stream.CopyTo(Stream.Null);
        act.Should().Throw<DataFormatException>().WithMessage("x.gz: the gzip data decompresses to more than 1000 bytes, the MaxDecompressedBytes limit; raise MaxDecompressedBytes to load it.");
        stream.Failed.Should().BeTrue();
    }

    [Fact]
    public void Read_NotGzip_Throws()
    {
        var act = () => Decompress("plain text"u8.ToArray());
        act.Should().Throw<DataFormatException>().WithMessage("x.gz: bytes 0-1 are not the gzip signature.");
    }

    private static byte[] Decompress(byte[] gzip)
    {
        using var stream = new CheckedGZipStream(new MemoryStream(gzip), "x.gz", long.MaxValue);
        using var output = new MemoryStream();
        var buffer = new byte[777];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    private static byte[] MakeData()
    {
        // Words, not noise: compressible like reviews, with some randomness so that blocks differ.
        var random = new Random(3);
        string[] words = ["the", "film", "was", "great", "awful", "plot", "actors", "\u00E9t\u00E9", "and"];
        var text = string.Join(' ', Enumerable.Range(0, 40_000).Select(_ => words[random.Next(words.Length)]));
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}
