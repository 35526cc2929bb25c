using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace SentimentKit.Tests.Data;

/// <summary>Builds small IMDB-layout folders and archives for the tests.</summary>
internal static class ImdbFixture
{
    public static readonly (string Path, string Text)[] Reviews =
    [
        ("aclImdb/train/pos/10_9.txt", "A wonderful film.<br /><br />Loved it!"),
        ("aclImdb/train/pos/2_7.txt", "Pretty good."),
        ("aclImdb/train/neg/5_1.txt", "Awful, just awful."),
        ("aclImdb/train/neg/11_3.txt", "Not worth it."),
        ("aclImdb/train/neg/3_2.txt", "Boring caf\u00E9 scenes."),
        ("aclImdb/test/pos/0_10.txt", "Masterpiece."),
        ("aclImdb/test/neg/0_4.txt", "Meh."),
    ];

    public static readonly (string Path, string Text)[] Ignored =
    [
        ("aclImdb/train/unsup/0_0.txt", "unlabeled review"),
        ("aclImdb/train/labeledBow.feat", "0 0:1"),
        ("aclImdb/train/urls_pos.txt", "http://example.com"),
        ("aclImdb/imdb.vocab", "the"),
        ("aclImdb/README", "readme"),
    ];

    public static void WriteFolder(string root)
    {
        foreach (var (path, text) in Reviews.Concat(Ignored))
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public static byte[] BuildArchive(bool gzip = true, Action<TarWriter>? extra = null)
    {
        using var output = new MemoryStream();
        using (Stream target = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : new NonClosing(output))
        using (var writer = new TarWriter(target, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "aclImdb/train/pos/"));
            foreach (var (path, text) in Reviews.Concat(Ignored))
            {
                AddFile(writer, path, Encoding.UTF8.GetBytes(text));
            }

            extra?.Invoke(writer);
        }

        return output.ToArray();
    }

    public static void AddFile(TarWriter writer, string path, byte[] content, TarEntryFormat format = TarEntryFormat.Pax)
    {
        TarEntry entry = format == TarEntryFormat.Ustar ? new UstarTarEntry(TarEntryType.RegularFile, path) : new PaxTarEntry(TarEntryType.RegularFile, path);
        entry.DataStream = new MemoryStream(content);
        writer.WriteEntry(entry);
    }

    public static void AddMalicious(TarWriter writer)
    {
        AddFile(writer, "../evil.txt", "evil"u8.ToArray());
        AddFile(writer, "aclImdb/train/pos/../../../evil_9.txt", "evil"u8.ToArray());
        AddFile(writer, "/tmp/aclImdb/train/pos/666_9.txt", "evil"u8.ToArray());
        writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "aclImdb/train/pos/777_9.txt") { LinkName = "/etc/passwd" });
        writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "aclImdb/train/neg/778_1.txt") { LinkName = "aclImdb/train/neg/5_1.txt" });
    }

    /// <summary>A plain tar with one review entry whose header declares <paramref name="size"/> bytes, with no data after it.</summary>
    public static byte[] BuildTarDeclaringSize(string path, long size)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(new NonClosing(output), TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddFile(writer, path, "x"u8.ToArray(), TarEntryFormat.Ustar);
        }

        // The ustar size field is 11 octal digits and a NUL at offset 124; the checksum (offset 148) counts itself as spaces.
        var header = output.ToArray().AsSpan(0, 512).ToArray();
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Array.Fill(header, (byte)' ', 148, 8);
        var checksum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }

    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
