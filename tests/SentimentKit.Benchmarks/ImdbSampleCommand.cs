using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SentimentKit.Data;

namespace SentimentKit.Benchmarks;

/// <summary>
/// The <c>sample-imdb</c> verb: writes the demo's embedded default data, a stratified seeded sample of IMDB in
/// the IMDB layout as a .tar.gz that <see cref="ImdbLoader"/> reads. The output is byte-for-byte reproducible:
/// entries in a fixed order with fixed metadata, one fixed compression level. Regenerate it with
/// <c>eng/make-imdb-sample.sh</c>, which runs
/// <c>dotnet run -c Release --project tests/SentimentKit.Benchmarks -- sample-imdb --data ../shared/data/aclImdb_v1.tar.gz
/// --out samples/SentimentKit.Demo/Data/imdb-sample.tar.gz --train 2000 --test 1000 --seed 20110601</c>.
/// </summary>
internal static class ImdbSampleCommand
{
    private static readonly DateTimeOffset FixedTime = new(2011, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static int Run(VerbOptions options)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var output = options.Get("out") ?? "samples/SentimentKit.Demo/Data/imdb-sample.tar.gz";
        var trainCount = options.GetInt("train", 2000);
        var testCount = options.GetInt("test", 1000);
        var seed = options.GetInt("seed", 20110601);

        var entries = new List<(string Name, string Text)>();
        foreach (var (split, count) in new[] { (ImdbSplit.Train, trainCount), (ImdbSplit.Test, testCount) })
        {
            var examples = ImdbData.Load(path, split).Examples;
            var byLabel = examples.GroupBy(e => e.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
            var random = new Random(seed + (int)split);
            for (var i = 0; i < byLabel.Length; i++)
            {
                // Equal shares per label; the first labels take the remainder.
                var take = (count / byLabel.Length) + (i < count % byLabel.Length ? 1 : 0);
                var pool = byLabel[i].ToArray();
                random.Shuffle(pool);
                entries.AddRange(pool.Take(take).Select(e => ("aclImdb/" + e.SourceId, e.Text)));
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var file = File.Create(output))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var (name, text) in entries)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    ModificationTime = FixedTime,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                };
                tar.WriteEntry(entry);
            }
        }

        var size = new FileInfo(output).Length;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {entries.Count} reviews ({trainCount} train, {testCount} test, seed {seed}) to {output}: {size / 1024.0:F0} KiB"));
        return 0;
    }
}
