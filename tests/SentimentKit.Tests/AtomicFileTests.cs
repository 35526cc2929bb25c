namespace SentimentKit.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sk-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Write_AfterAKilledWrite_RemovesItsTemporaryFile()
    {
        var target = Path.Combine(_directory, "model.skm");
        var stale = Path.Combine(_directory, $".model.skm.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale, new byte[1024]);

        AtomicFile.Write(target, stream => stream.Write([1, 2, 3]));

        File.Exists(stale).Should().BeFalse();
        File.ReadAllBytes(target).Should().Equal(1, 2, 3);
        Directory.GetFiles(_directory).Should().ContainSingle();
    }

    [Fact]
    public void Write_WhileAnotherWriteHoldsItsTemporaryFile_LeavesThatFile()
    {
        var target = Path.Combine(_directory, "model.skm");
        var busy = Path.Combine(_directory, $".model.skm.{Guid.NewGuid():N}.tmp");
        using var held = new FileStream(busy, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        AtomicFile.Write(target, stream => stream.Write([4]));

        File.Exists(busy).Should().BeTrue();
    }

    [Fact]
    public void Write_OtherFilesTemporaries_AreLeftAlone()
    {
        var other = Path.Combine(_directory, $".other.skm.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(other, [9]);

        AtomicFile.Write(Path.Combine(_directory, "model.skm"), stream => stream.Write([4]));

        File.Exists(other).Should().BeTrue();
    }

    [Fact]
    public void Write_FailingHalfway_LeavesTheOldFileAndNoTemporary()
    {
        var target = Path.Combine(_directory, "model.skm");
        File.WriteAllBytes(target, [7]);

        var act = () => AtomicFile.Write(target, stream =>
        {
            stream.Write(new byte[4096]);
            throw new IOException("disk full");
        });

        act.Should().Throw<IOException>();
        File.ReadAllBytes(target).Should().Equal(7);
        Directory.GetFiles(_directory).Should().ContainSingle();
    }
}
