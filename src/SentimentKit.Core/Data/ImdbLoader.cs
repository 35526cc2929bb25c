using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;

namespace SentimentKit.Data;

/// <summary>
/// Reads the IMDB Large Movie Review Dataset layout, <c>[aclImdb/]{train,test}/{pos,neg}/&lt;id&gt;_&lt;stars&gt;.txt</c>,
/// from a folder or straight from the published <c>aclImdb_v1.tar.gz</c> (or a plain <c>.tar</c>), without
/// extracting anything to disk. Labels are <c>neg</c> and <c>pos</c>; stars come from the file name. Other
/// entries (<c>unsup</c>, <c>*.feat</c>, URL lists, <c>imdb.vocab</c>, READMEs) are ignored. Links and entries whose
/// paths are absolute or contain <c>..</c> are never read: they are skipped and counted in
/// <see cref="DataLoadResult.UnsafeEntriesSkipped"/>.
/// </summary>
public static class ImdbLoader
{
    /// <summary>Loads one split from a folder or an archive file.</summary>
    /// <param name="path">The <c>aclImdb</c> folder (or its parent), or the <c>.tar.gz</c> / <c>.tar</c> archive.</param>
    /// <param name="options">The settings (<see cref="DataLoadOptions.Split"/> picks train or test); <see langword="null"/> for the defaults.</param>
    /// <returns>The examples, ordered by label (neg, pos), then review id.</returns>
    /// <exception cref="DataFormatException">A review is not valid UTF-8, or the layout has no reviews.</exception>
    public static DataLoadResult Load(string path, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new DataLoadOptions();
        options.Validate();
        if (Directory.Exists(path))
        {
            return LoadFolder(path, options);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No IMDB folder or archive at '{path}'.", path);
        }

        using var stream = File.OpenRead(path);
        return LoadArchive(stream, path, options);
    }

    /// <summary>Loads one split from an archive stream, gzip-compressed or plain tar.</summary>
    /// <param name="archive">The archive stream; read to its end, left open.</param>
    /// <param name="sourceName">The name used in messages, such as the archive's file name.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples, ordered by label (neg, pos), then review id.</returns>
    /// <exception cref="DataFormatException">A review is not valid UTF-8, the archive is corrupt, or it has no reviews.</exception>
    public static DataLoadResult LoadArchive(Stream archive, string sourceName, DataLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= new DataLoadOptions();
        options.Validate();

        var buffered = new BufferedStream(archive, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var peeked = buffered.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        if (peeked == 0)
        {
            throw new DataFormatException(sourceName, null, null, "the file is empty.");
        }

        // BufferedStream cannot un-read, so the two peeked bytes go back in front of the rest.
        using var rest = new PrefixedStream(magic[..peeked].ToArray(), buffered);
        using Stream tarStream = DataFiles.IsGzip(magic[..peeked])
            ? new GZipStream(rest, CompressionMode.Decompress, leaveOpen: true)
            : rest;
        using var reader = new TarReader(tarStream, leaveOpen: true);
        var split = SplitName(options.Split);
        var bad = new BadRowCollector(options);
        var found = new List<(TextExample Example, long Id)>();
        var unsafeEntries = 0;
        byte[] buffer = [];
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = reader.GetNextEntry(copyData: false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new DataFormatException(sourceName, null, null, "the archive is corrupt: " + e.Message, e);
            }

            if (entry is null)
            {
                break;
            }

            var name = entry.Name.Replace('\\', '/');
            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink || IsUnsafePath(name))
            {
                unsafeEntries++;
                continue;
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || !TryParseReviewPath(name, split, out var label, out var fileName))
            {
                continue;
            }

            var length = checked((int)entry.Length);
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            try
            {
                entry.DataStream?.ReadExactly(buffer, 0, length);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new DataFormatException(sourceName, null, name, "the archive is corrupt: " + e.Message, e);
            }

            if (!DataFiles.TryDecode(buffer.AsSpan(0, length), out var text, out var line))
            {
                bad.Report(new DataFormatException(sourceName, line, name, "invalid UTF-8 (the data must be UTF-8 encoded)."));
                continue;
            }

            found.Add(MakeExample(text, split, label, fileName));
        }

        return Finish(sourceName, found, bad, unsafeEntries, split);
    }

    private static DataLoadResult LoadFolder(string path, DataLoadOptions options)
    {
        var split = SplitName(options.Split);
        var root = Directory.Exists(Path.Combine(path, split)) ? path : Path.Combine(path, "aclImdb");
        var bad = new BadRowCollector(options);
        var found = new List<(TextExample Example, long Id)>();
        var unsafeEntries = 0;
        foreach (var label in (string[])["neg", "pos"])
        {
            var folder = Path.Combine(root, split, label);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.txt"))
            {
                if (new FileInfo(file).LinkTarget is not null)
                {
                    unsafeEntries++;
                    continue;
                }

                var bytes = File.ReadAllBytes(file);
                if (!DataFiles.TryDecode(bytes, out var text, out var line))
                {
                    bad.Report(new DataFormatException(file, line, null, "invalid UTF-8 (the data must be UTF-8 encoded)."));
                    continue;
                }

                found.Add(MakeExample(text, split, label, Path.GetFileName(file)));
            }
        }

        return Finish(path, found, bad, unsafeEntries, split);
    }

    private static DataLoadResult Finish(
        string source, List<(TextExample Example, long Id)> found, BadRowCollector bad, int unsafeEntries, string split)
    {
        if (found.Count == 0 && bad.Count == 0)
        {
            throw new DataFormatException(source, null, null, $"no reviews found under {split}/pos or {split}/neg (expected the IMDB layout).");
        }

        // Folders and archives list files in different orders; sorting makes both give the same examples in the same order.
        found.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Example.Label, b.Example.Label);
            if (c == 0)
            {
                c = a.Id.CompareTo(b.Id);
            }

            return c != 0 ? c : string.CompareOrdinal(a.Example.SourceId, b.Example.SourceId);
        });
        return new DataLoadResult(source, found.Select(f => f.Example).ToArray(), bad.Count, bad.Reasons, unsafeEntries);
    }

    private static (TextExample Example, long Id) MakeExample(string text, string split, string label, string fileName)
    {
        var stem = fileName[..^4];
        var underscore = stem.LastIndexOf('_');
        long id = long.MaxValue;
        int? stars = null;
        if (underscore > 0
            && long.TryParse(stem.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedId)
            && int.TryParse(stem.AsSpan(underscore + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedStars))
        {
            id = parsedId;
            stars = parsedStars;
        }

        var example = new TextExample(text, label) { Stars = stars, SourceId = $"{split}/{label}/{fileName}" };
        return (example, id);
    }

    private static string SplitName(ImdbSplit split) => split == ImdbSplit.Test ? "test" : "train";

    private static bool IsUnsafePath(string name)
    {
        if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':'))
        {
            return true;
        }

        foreach (var range in name.AsSpan().Split('/'))
        {
            if (name.AsSpan()[range] is "..")
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseReviewPath(string name, string split, out string label, out string fileName)
    {
        label = string.Empty;
        fileName = string.Empty;
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Length is < 3 or > 4
            || parts[^3] != split
            || parts[^2] is not ("pos" or "neg")
            || !parts[^1].EndsWith(".txt", StringComparison.Ordinal))
        {
            return false;
        }

        label = parts[^2];
        fileName = parts[^1];
        return true;
    }
}
