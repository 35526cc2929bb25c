using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SentimentKit.Data;

namespace SentimentKit.Benchmarks;

/// <summary>
/// The <c>data-memory</c> verb: peak resident memory (VmHWM) of loading a dataset, against the text loaded. Each
/// case runs in a fresh child process, so that its peak is its own: the IMDB archive's train split, and one huge
/// generated review in a <c>.tar.gz</c> and in a CSV field (<c>--size-mib</c>, 256 by default; the files are
/// written to a temporary folder and deleted after).
/// </summary>
internal static class DataMemoryCommand
{
    private const string Pattern = "a long review that goes on and on about the film, its plot and its actors ";

    public static int Run(VerbOptions options)
    {
        if (options.Get("case") is { } name)
        {
            return Measure(name, options.Get("path")!, options.GetInt("size-mib", 0));
        }

        var sizeMib = options.GetInt("size-mib", 256);
        var imdb = ImdbData.Locate(options.Get("data"));
        var folder = Directory.CreateTempSubdirectory("sentimentkit-data-memory-");
        try
        {
            var tarGz = Path.Combine(folder.FullName, "huge-review.tar.gz");
            var csv = Path.Combine(folder.FullName, "huge-field.csv");
            WriteHugeReviewArchive(tarGz, sizeMib);
            WriteHugeFieldCsv(csv, sizeMib);
            Console.WriteLine($"peak resident memory (VmHWM) of one load per fresh process; text = the examples' text, UTF-8 bytes and UTF-16 in memory");
            Console.WriteLine($"{"case",-22} {"text MiB",9} {"UTF-16 MiB",10} {"before MiB",10} {"peak MiB",9} {"peak/UTF-8",10} {"(peak-before)/UTF-8",19} {"peak/UTF-16",11}");
            var ok = true;
            foreach (var (caseName, path) in new[] { ("imdb-train", imdb), ("huge-review-tar-gz", tarGz), ("huge-field-csv", csv) })
            {
                ok &= RunChild(caseName, path, sizeMib);
            }

            return ok ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static bool RunChild(string caseName, string path, int sizeMib)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DataMemoryCommand).Assembly.Location);
        }

        foreach (var argument in new[] { "data-memory", "--case", caseName, "--path", path, "--size-mib", sizeMib.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            Console.WriteLine($"{caseName,-22} failed (exit {child.ExitCode}): {output.Trim()}");
            return false;
        }

        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        double Mib(string key) => r.GetProperty(key).GetDouble() / (1 << 20);
        var text = r.GetProperty("text_bytes").GetDouble();
        var peak = r.GetProperty("peak_bytes").GetDouble();
        var before = r.GetProperty("before_bytes").GetDouble();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{caseName,-22} {Mib("text_bytes"),9:F1} {Mib("utf16_bytes"),10:F1} {Mib("before_bytes"),10:F1} {Mib("peak_bytes"),9:F1} {peak / text,10:F2} {(peak - before) / text,19:F2} {peak / r.GetProperty("utf16_bytes").GetDouble(),11:F2}"));
        return true;
    }

    /// <summary>In the child: one load, and the figures as one JSON line.</summary>
    private static int Measure(string caseName, string path, int sizeMib)
    {
        var options = new DataLoadOptions { MaxTextBytes = Math.Max(DataLoadOptions.DefaultMaxTextBytes, (sizeMib + 1) << 20) };
        var before = Status("VmRSS");
        var result = caseName == "huge-field-csv" ? DelimitedTextLoader.LoadCsv(path, options) : ImdbLoader.Load(path, options);
        var peak = Status("VmHWM");
        var textBytes = result.Examples.Sum(e => (long)Encoding.UTF8.GetByteCount(e.Text));
        var utf16Bytes = result.Examples.Sum(e => 2L * e.Text.Length);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["case"] = caseName,
            ["examples"] = result.Examples.Count,
            ["text_bytes"] = textBytes,
            ["utf16_bytes"] = utf16Bytes,
            ["before_bytes"] = before,
            ["peak_bytes"] = peak,
        }));
        return 0;
    }

    /// <summary>A size line of /proc/self/status (Linux), in bytes.</summary>
    private static long Status(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/self/status has no {key} line (this verb needs Linux).");
    }

    private static void WriteHugeReviewArchive(string path, int sizeMib)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "aclImdb/train/pos/1_9.txt") { DataStream = new PatternStream((long)sizeMib << 20) });
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "aclImdb/train/neg/2_1.txt") { DataStream = new MemoryStream("short and bad"u8.ToArray()) });
    }

    private static void WriteHugeFieldCsv(string path, int sizeMib)
    {
        using var file = File.Create(path);
        file.Write("label,text\npos,\""u8);
        new PatternStream((long)sizeMib << 20).CopyTo(file);
        file.Write("\"\nneg,short and bad\n"u8);
    }

    /// <summary>A seekable stream of <see cref="Pattern"/> repeated to a given length, so that nothing that size is ever in memory.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private static readonly byte[] Bytes = Encoding.ASCII.GetBytes(Pattern);

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = Bytes[(int)((Position + i) % Bytes.Length)];
            }

            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
