using System.Formats.Tar;
using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class ImdbLoaderTests
{
    [Fact]
    public void Load_Folder_ReadsTrainSplitOrderedWithStars()
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.Path);

        var result = ImdbLoader.Load(temp.Path);

        result.Examples.Select(e => e.SourceId).Should().Equal(
            "train/neg/3_2.txt", "train/neg/5_1.txt", "train/neg/11_3.txt", "train/pos/2_7.txt", "train/pos/10_9.txt");
        result.Examples[4].Stars.Should().Be(9);
        result.Examples[4].Label.Should().Be("pos");
        result.Examples[4].Text.Should().Be("A wonderful film.<br /><br />Loved it!");
        result.Labels.Names.Should().Equal("neg", "pos");
        result.SkippedCount.Should().Be(0);
    }

    [Fact]
    public void Load_AclImdbFolderItself_TestSplit()
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.Path);

        var result = ImdbLoader.Load(Path.Combine(temp.Path, "aclImdb"), new DataLoadOptions { Split = ImdbSplit.Test });

        result.Examples.Select(e => e.Text).Should().Equal("Meh.", "Masterpiece.");
    }

    [Fact]
    public void Load_TarGzFile_GivesSameExamplesAsFolder()
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.File("folder"));
        var archive = temp.File("aclImdb_v1.tar.gz");
        File.WriteAllBytes(archive, ImdbFixture.BuildArchive());

        var fromArchive = ImdbLoader.Load(archive);
        var fromFolder = ImdbLoader.Load(temp.File("folder"));

        fromArchive.Examples.Should().Equal(fromFolder.Examples);
        fromArchive.Examples.Should().HaveCount(5);
    }

    [Fact]
    public void LoadArchive_PlainTar_IsRead()
    {
        using var stream = new MemoryStream(ImdbFixture.BuildArchive(gzip: false));
        ImdbLoader.LoadArchive(stream, "x.tar").Examples.Should().HaveCount(5);
    }

    [Fact]
    public void LoadArchive_MaliciousAndLinkEntries_AreSkippedAndCountedNeverWritten()
    {
        using var temp = new TempDirectory();
        var before = Directory.GetFiles(Path.GetTempPath(), "evil*").Length;
        using var stream = new MemoryStream(ImdbFixture.BuildArchive(extra: ImdbFixture.AddMalicious));

        var result = ImdbLoader.LoadArchive(stream, "evil.tar.gz");

        result.UnsafeEntriesSkipped.Should().Be(5);
        result.Examples.Should().HaveCount(5);
        result.Examples.Should().NotContain(e => e.Text == "evil");
        Directory.GetFiles(Path.GetTempPath(), "evil*").Length.Should().Be(before);
        Directory.EnumerateFileSystemEntries(temp.Path).Should().BeEmpty();
    }

    [Fact]
    public void LoadArchive_InvalidUtf8_ThrowsNamingArchiveAndEntry()
    {
        using var stream = new MemoryStream(ImdbFixture.BuildArchive(extra: w =>
            ImdbFixture.AddFile(w, "aclImdb/train/pos/99_8.txt", [(byte)'o', (byte)'k', (byte)'\n', 0xC3, 0x28])));

        var act = () => ImdbLoader.LoadArchive(stream, "bad.tar.gz");

        var error = act.Should().Throw<DataFormatException>().Which;
        error.File.Should().Be("bad.tar.gz");
        error.Entry.Should().Be("aclImdb/train/pos/99_8.txt");
        error.Line.Should().Be(2);
        error.Message.Should().Be("bad.tar.gz [aclImdb/train/pos/99_8.txt]:2: invalid UTF-8 (the data must be UTF-8 encoded).");
    }

    [Fact]
    public void LoadArchive_InvalidUtf8WithSkipBadRows_ReportsSkipped()
    {
        using var stream = new MemoryStream(ImdbFixture.BuildArchive(extra: w =>
            ImdbFixture.AddFile(w, "aclImdb/train/pos/99_8.txt", [0xFF])));

        var result = ImdbLoader.LoadArchive(stream, "bad.tar.gz", new DataLoadOptions { SkipBadRows = true });

        result.Examples.Should().HaveCount(5);
        result.SkippedCount.Should().Be(1);
        result.SkippedReasons.Should().ContainSingle().Which.Should().Contain("99_8.txt");
    }

    [Fact]
    public void Load_FolderWithoutLayout_ThrowsDataFormatException()
    {
        using var temp = new TempDirectory();
        var act = () => ImdbLoader.Load(temp.Path);
        act.Should().Throw<DataFormatException>().WithMessage("*no reviews found*");
    }

    [Fact]
    public void LoadArchive_EmptyStream_ThrowsDataFormatException()
    {
        var act = () => ImdbLoader.LoadArchive(new MemoryStream(), "empty.tar.gz");
        act.Should().Throw<DataFormatException>().WithMessage("empty.tar.gz: the file is empty.");
    }

    [Fact]
    public void LoadArchive_TruncatedGzip_ThrowsDataFormatException()
    {
        var bytes = ImdbFixture.BuildArchive();
        using var stream = new MemoryStream(bytes[..(bytes.Length / 2)]);
        var act = () => ImdbLoader.LoadArchive(stream, "cut.tar.gz");
        act.Should().Throw<DataFormatException>().WithMessage("cut.tar.gz*corrupt*");
    }

    [Fact]
    public void Load_MissingPath_ThrowsFileNotFound()
    {
        var act = () => ImdbLoader.Load("/nonexistent/aclImdb_v1.tar.gz");
        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void Load_FolderWithSymlinkedReview_SkipsIt()
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.Path);
        var outside = temp.File("secret.txt");
        File.WriteAllText(outside, "secret");
        File.CreateSymbolicLink(Path.Combine(temp.Path, "aclImdb/train/pos/50_8.txt"), outside);

        var result = ImdbLoader.Load(temp.Path);

        result.UnsafeEntriesSkipped.Should().Be(1);
        result.Examples.Should().NotContain(e => e.Text == "secret");
    }

    [Fact]
    public void Load_ShippedDemoSample_HasBalancedTrainAndTestReviews()
    {
        var sample = FindRepoFile("samples/SentimentKit.Demo/Data/imdb-sample.tar.gz");

        var train = ImdbLoader.Load(sample);
        var test = ImdbLoader.Load(sample, new DataLoadOptions { Split = ImdbSplit.Test });

        train.Examples.Should().HaveCount(2000);
        train.Examples.Count(e => e.Label == "pos").Should().Be(1000);
        test.Examples.Should().HaveCount(1000);
        test.Examples.Count(e => e.Label == "neg").Should().Be(500);
        train.Examples.Should().OnlyContain(e => e.Stars != null && e.Text.Length > 0);
    }

    // Item 5: a corrupt or cut .tar.gz fails whole.
    [Theory]
    [InlineData(8, 0x01)]
    [InlineData(5, 0x80)]
    [InlineData(4, 0x01)]
    [InlineData(1, 0x10)]
    public void LoadArchive_GzipTrailerByteFlipped_ThrowsInsteadOfLoading(int fromEnd, byte mask)
    {
        var archive = ImdbFixture.BuildArchive();
        using var stream = new MemoryStream(GzipFixture.Flip(archive, archive.Length - fromEnd, mask));

        var act = () => ImdbLoader.LoadArchive(stream, "flipped.tar.gz");

        act.Should().Throw<DataFormatException>().WithMessage("flipped.tar.gz: the gzip data is corrupt or truncated*");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(1)]
    public void LoadArchive_GzipTrailerCut_ThrowsInsteadOfLoading(int cut)
    {
        var archive = ImdbFixture.BuildArchive();
        using var stream = new MemoryStream(archive[..^cut]);

        var act = () => ImdbLoader.LoadArchive(stream, "cut.tar.gz");

        act.Should().Throw<DataFormatException>().WithMessage("cut.tar.gz: the gzip data is corrupt*");
    }

    [Fact]
    public void LoadArchive_AnyOneByteFlipped_FailsWholeOrGivesTheSameExamples()
    {
        // A flipped byte in the header's time stamp or in the padding bits after the last deflate block leaves the
        // data intact; anywhere else the load must fail, never give part of the reviews.
        var archive = ImdbFixture.BuildArchive(extra: w =>
        {
            for (var i = 0; i < 12; i++)
            {
                ImdbFixture.AddFile(w, $"aclImdb/train/pos/{100 + i}_8.txt", System.Text.Encoding.UTF8.GetBytes($"review {i} " + new string((char)('a' + (i % 26)), 50 + i)));
            }
        });
        var expected = ImdbLoader.LoadArchive(new MemoryStream(archive), "a.tar.gz").Examples;
        var partial = new List<int>();

        for (var index = 0; index < archive.Length; index++)
        {
            try
            {
                var examples = ImdbLoader.LoadArchive(new MemoryStream(GzipFixture.Flip(archive, index)), "a.tar.gz").Examples;
                if (!examples.SequenceEqual(expected))
                {
                    partial.Add(index);
                }
            }
            catch (DataFormatException)
            {
            }
        }

        partial.Should().BeEmpty("a flipped byte at these offsets gave other examples with no error");
    }

    [Fact]
    public void LoadArchive_GzipInSeveralMembers_ReadsThemAll()
    {
        var tar = ImdbFixture.BuildArchive(gzip: false);
        using var stream = new MemoryStream(GzipFixture.CompressInMembers(tar, 7));

        ImdbLoader.LoadArchive(stream, "members.tar.gz").Examples.Should().Equal(ImdbLoader.LoadArchive(new MemoryStream(tar), "x.tar").Examples);
    }

    // Item 3: limits, not crashes, for huge entries.
    [Fact]
    public void LoadArchive_EntryDeclaringThreeGibibytes_ThrowsNamingEntryAndLimit()
    {
        using var stream = new MemoryStream(GzipFixture.Compress(ImdbFixture.BuildTarDeclaringSize("aclImdb/train/pos/1_9.txt", 3L << 30)));

        var act = () => ImdbLoader.LoadArchive(stream, "huge.tar.gz");

        act.Should().Throw<DataFormatException>().WithMessage(
            "huge.tar.gz [aclImdb/train/pos/1_9.txt]: the review (3221225472 bytes) is longer than 16777216 bytes, the MaxTextBytes limit; raise MaxTextBytes to load it.");
    }

    [Fact]
    public void LoadArchive_ReviewOverMaxTextBytes_ThrowsOrIsSkippedAndCounted()
    {
        var archive = ImdbFixture.BuildArchive(extra: w => ImdbFixture.AddFile(w, "aclImdb/train/neg/9_2.txt", new byte[101]));
        var limit = new DataLoadOptions { MaxTextBytes = 100 };

        var act = () => ImdbLoader.LoadArchive(new MemoryStream(archive), "big.tar.gz", limit);
        var skipped = ImdbLoader.LoadArchive(new MemoryStream(archive), "big.tar.gz", new DataLoadOptions { MaxTextBytes = 100, SkipBadRows = true });

        act.Should().Throw<DataFormatException>().WithMessage("big.tar.gz [aclImdb/train/neg/9_2.txt]: the review (101 bytes) is longer than 100 bytes*");
        skipped.Examples.Should().HaveCount(5);
        skipped.SkippedCount.Should().Be(1);
    }

    [Fact]
    public void LoadArchive_GzipOverMaxDecompressedBytes_Throws()
    {
        var act = () => ImdbLoader.LoadArchive(new MemoryStream(ImdbFixture.BuildArchive()), "a.tar.gz", new DataLoadOptions { MaxDecompressedBytes = 4096 });
        act.Should().Throw<DataFormatException>().WithMessage("a.tar.gz: the gzip data decompresses to more than 4096 bytes, the MaxDecompressedBytes limit*");
    }

    [Fact]
    public void Load_FolderReviewOverMaxTextBytes_ThrowsNamingTheFile()
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.Path);
        var big = Path.Combine(temp.Path, "aclImdb/train/pos/12_10.txt");
        File.WriteAllText(big, new string('x', 101));

        var act = () => ImdbLoader.Load(temp.Path, new DataLoadOptions { MaxTextBytes = 100 });

        act.Should().Throw<DataFormatException>().WithMessage($"{big}: the review (101 bytes) is longer than 100 bytes, the MaxTextBytes limit*");
    }

    // Item 4: a huge review costs about three times its bytes.
    [Fact]
    public void LoadArchive_FourMebibyteReview_AllocatesUnderFourTimesItsBytes()
    {
        const int size = 4 << 20;
        var archive = ImdbFixture.BuildArchive(extra: w => ImdbFixture.AddFile(w, "aclImdb/train/pos/77_9.txt", Enumerable.Repeat((byte)'w', size).ToArray()));
        ImdbLoader.LoadArchive(new MemoryStream(archive), "warm-up.tar.gz");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ImdbLoader.LoadArchive(new MemoryStream(archive), "huge.tar.gz");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        result.Examples.Should().Contain(e => e.Text.Length == size);
        allocated.Should().BeLessThan(4L * size);
    }

    // Item 12: no symbolic link is followed in folder mode, to a file or a folder.
    [Theory]
    [InlineData("aclImdb/train/pos")]
    [InlineData("aclImdb/train")]
    [InlineData("aclImdb")]
    public void Load_FolderWithSymlinkedFolder_SkipsAndCountsIt(string linked)
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.File("data"));
        var outside = temp.File("outside");
        Directory.CreateDirectory(outside);
        var real = Path.Combine(temp.File("data"), linked);
        Directory.Move(real, Path.Combine(outside, "moved"));
        Directory.CreateSymbolicLink(real, Path.Combine(outside, "moved"));

        var load = () => ImdbLoader.Load(temp.File("data"));

        if (linked == "aclImdb/train/pos")
        {
            var result = load();
            result.UnsafeEntriesSkipped.Should().Be(1);
            result.Examples.Should().OnlyContain(e => e.Label == "neg");
            result.ToString().Should().EndWith("; 1 links or unsafe paths skipped");
        }
        else
        {
            load.Should().Throw<DataFormatException>().WithMessage("*no reviews found*1 links or unsafe paths were skipped*");
        }
    }

    [Fact]
    public void Load_FolderWithSymlinkedFolderInsideLabelFolder_CountsIt()
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.Path);
        var outside = temp.File("outside.txt");
        Directory.CreateDirectory(outside);
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "aclImdb/train/pos/61_9.txt"), outside);

        var result = ImdbLoader.Load(temp.Path);

        result.UnsafeEntriesSkipped.Should().Be(1);
        result.Examples.Should().HaveCount(5);
    }

    private static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
