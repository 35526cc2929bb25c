using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class DataLoadResultTests
{
    [Fact]
    public void ToString_NothingSkipped_NamesSourceAndCount()
    {
        using var temp = new TempDirectory();
        ImdbFixture.WriteFolder(temp.Path);

        ImdbLoader.Load(temp.Path).ToString().Should().Be($"{temp.Path}: 5 examples");
    }

    [Fact]
    public void ToString_BadAndUnsafeEntriesSkipped_SaysHowMany()
    {
        using var stream = new MemoryStream(ImdbFixture.BuildArchive(extra: w =>
        {
            ImdbFixture.AddMalicious(w);
            ImdbFixture.AddFile(w, "aclImdb/train/pos/99_8.txt", [0xFF]);
        }));

        var result = ImdbLoader.LoadArchive(stream, "a.tar.gz", new DataLoadOptions { SkipBadRows = true });

        result.ToString().Should().Be("a.tar.gz: 5 examples; 1 bad rows or entries skipped; 5 links or unsafe paths skipped");
    }
}
