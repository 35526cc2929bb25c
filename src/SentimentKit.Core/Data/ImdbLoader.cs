using System.Formats.Tar;
using System.Globalization;

namespace SentimentKit.Data;

/// <summary>
/// Reads the IMDB Large Movie Review Dataset layout, <c>[aclImdb/]{train,test}/{pos,neg}/&lt;id&gt;_&lt;stars&gt;.txt</c>,
/// from a folder or straight from the published <c>aclImdb_v1.tar.gz</c> (or a plain <c>.tar</c>), without
/// extracting anything to disk. Labels are <c>neg</c> and <c>pos</c>; stars come from the file name. Other
/// entries (<c>unsup</c>, <c>*.feat</c>, URL lists, <c>imdb.vocab</c>, READMEs) are ignored.
/// </summary>
/// <remarks>
/// <para>Nothing outside the dataset is read. In an archive, links and entries whose paths are absolute or contain
/// <c>..</c> are skipped; in a folder, symbolic links are skipped, to files and to folders alike (the folders
/// <c>aclImdb</c>, the split and the label included). Each is counted in
/// <see cref="DataLoadResult.UnsafeEntriesSkipped"/>.</para>
/// <para>An archive is read as a stream, one review at a time. A gzip archive is read to its end and every gzip
/// member's CRC-32 and size are checked, so a corrupt or cut archive fails whole instead of giving part of its
/// reviews. A review longer than <see cref="DataLoadOptions.MaxTextBytes"/> is a bad entry (skipped with
/// <see cref="DataLoadOptions.SkipBadRows"/>), and a gzip archive that decompresses to more than
/// <see cref="DataLoadOptions.MaxDecompressedBytes"/> fails.</para>
/// </remarks>
public static class ImdbLoader
{
    private static readonly string[] Labels = ["neg", "pos"];

    /// <summary>Loads one split from a folder or an archive file.</summary>
    /// <param name="path">The <c>aclImdb</c> folder (or its parent), or the <c>.tar.gz</c> / <c>.tar</c> archive.</param>
    /// <param name="options">The settings (<see cref="DataLoadOptions.Split"/> picks train or test); <see langword="null"/> for the defaults.</param>
    /// <returns>The examples, ordered by label (neg, pos), then review id.</returns>
    /// <exception cref="DataFormatException">A review is not valid UTF-8 or too long, the archive is corrupt or cannot be read, or the layout has no reviews.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
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

        using var stream = DataFiles.OpenFile(path, formatName: null);
        return DataFiles.Guard(path, () => LoadArchive(stream, path, options));
    }

    /// <summary>Loads one split from an archive stream, gzip-compressed or plain tar.</summary>
    /// <param name="archive">The archive stream; read to its end, left open.</param>
    /// <param name="sourceName">The name used in messages, such as the archive's file name.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples, ordered by label (neg, pos), then review id.</returns>
    /// <exception cref="DataFormatException">A review is not valid UTF-8 or too long, the archive is corrupt, or it has no reviews.</exception>
    public static DataLoadResult LoadArchive(Stream archive, string sourceName, DataLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= new DataLoadOptions();
        options.Validate();

        var split = SplitName(options.Split);
        return DataFiles.ReadContent(new BufferedStream(archive, 1 << 16), sourceName, options, content =>
        {
            var bad = new BadRowCollector(options);
            var found = new List<(TextExample Example, long Id)>();
            var unsafeEntries = ReadEntries(content, sourceName, split, options, bad, found);
            return Finish(sourceName, found, bad, unsafeEntries, split);
        });
    }

    private static int ReadEntries(
        Stream content, string sourceName, string split, DataLoadOptions options, BadRowCollector bad, List<(TextExample Example, long Id)> found)
    {
        using var reader = new TarReader(content, leaveOpen: true);
        var text = new Utf8TextBuffer();
        var unsafeEntries = 0;
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = reader.GetNextEntry(copyData: false);
            }
            catch (Exception e) when (IsTarError(e))
            {
                throw new DataFormatException(sourceName, null, null, "the archive is corrupt: " + e.Message, e);
            }

            if (entry is null)
            {
                return unsafeEntries;
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

            // The declared size is checked before any byte is read; the tar reader skips the data of a skipped entry as a stream.
            if (entry.Length > options.MaxTextBytes)
            {
                bad.Report(DataFiles.TooLong(sourceName, null, name, $"the review ({entry.Length} bytes)", options.MaxTextBytes));
                continue;
            }

            try
            {
                ReadText(entry.DataStream ?? Stream.Null, text, options.MaxTextBytes, sourceName, name);
            }
            catch (Exception e) when (IsTarError(e))
            {
                throw new DataFormatException(sourceName, null, name, "the archive is corrupt: " + e.Message, e);
            }

            if (!text.IsValid)
            {
                bad.Report(DataFiles.InvalidUtf8(sourceName, text.InvalidLine, name));
                continue;
            }

            found.Add(MakeExample(text.ToString(), split, label, fileName));
        }
    }

    /// <summary>Reads one review's bytes into <paramref name="text"/>, failing once it is longer than the limit.</summary>
    private static void ReadText(Stream stream, Utf8TextBuffer text, int maxBytes, string source, string? entry)
    {
        text.Clear();
        Span<byte> block = stackalloc byte[8192];
        int read;
        while ((read = stream.Read(block)) > 0)
        {
            if (text.Length + read > maxBytes)
            {
                throw DataFiles.TooLong(source, null, entry, "the review", maxBytes);
            }

            text.Append(block[..read]);
        }

        text.Complete();
    }

    private static DataLoadResult LoadFolder(string path, DataLoadOptions options)
    {
        var split = SplitName(options.Split);
        var nested = !Directory.Exists(Path.Combine(path, split));
        var root = nested ? Path.Combine(path, "aclImdb") : path;
        var bad = new BadRowCollector(options);
        var found = new List<(TextExample Example, long Id)>();
        var unsafeEntries = 0;
        var text = new Utf8TextBuffer();

        // A link anywhere below the folder given could lead out of the dataset, so the folders on the way are checked too.
        var splitFolder = Path.Combine(root, split);
        if ((nested && IsLink(root)) || IsLink(splitFolder))
        {
            return Finish(path, found, bad, unsafeEntries: 1, split);
        }

        foreach (var label in Labels)
        {
            var folder = Path.Combine(splitFolder, label);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            if (IsLink(folder))
            {
                unsafeEntries++;
                continue;
            }

            foreach (var item in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (item.LinkTarget is not null)
                {
                    unsafeEntries++;
                    continue;
                }

                if (item is not FileInfo file || !file.Name.EndsWith(".txt", StringComparison.Ordinal))
                {
                    continue;
                }

                if (file.Length > options.MaxTextBytes)
                {
                    bad.Report(DataFiles.TooLong(file.FullName, null, null, $"the review ({file.Length} bytes)", options.MaxTextBytes));
                    continue;
                }

                DataFiles.Guard(file.FullName, () =>
                {
                    using var stream = DataFiles.OpenFile(file.FullName, formatName: null);
                    ReadText(stream, text, options.MaxTextBytes, file.FullName, null);
                    return true;
                });
                if (!text.IsValid)
                {
                    bad.Report(DataFiles.InvalidUtf8(file.FullName, text.InvalidLine));
                    continue;
                }

                found.Add(MakeExample(text.ToString(), split, label, file.Name));
            }
        }

        return Finish(path, found, bad, unsafeEntries, split);
    }

    /// <summary>
    /// What <see cref="TarReader"/> throws on damaged headers (seen: a PAX size field over its entry gives an
    /// <see cref="InvalidOperationException"/>); the gzip layer's own errors are already <see cref="DataFormatException"/>.
    /// </summary>
    private static bool IsTarError(Exception e) =>
        e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException or InvalidOperationException or NotSupportedException
        || (e is FormatException and not DataFormatException);

    private static bool IsLink(string path) => new DirectoryInfo(path).LinkTarget is not null;

    private static DataLoadResult Finish(
        string source, List<(TextExample Example, long Id)> found, BadRowCollector bad, int unsafeEntries, string split)
    {
        if (found.Count == 0 && bad.Count == 0)
        {
            var links = unsafeEntries > 0 ? $"; {unsafeEntries} links or unsafe paths were skipped" : string.Empty;
            throw new DataFormatException(source, null, null, $"no reviews found under {split}/pos or {split}/neg (expected the IMDB layout{links}).");
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
