namespace SentimentKit.Hosting.Tests;

public class SentimentPredictorPoolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void GetPredictor_FirstCall_LoadsTheModelOnce()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);

        var predictor = fixture.Pool.GetPredictor();
        var first = predictor.Predict("any text");
        var second = predictor.PredictBatch(["one", "two"]);

        first.Label.Should().Be("neg");
        second.Should().HaveCount(2);
        fixture.Loader.Loaded.Should().ContainSingle();
        fixture.Pool.GetStatus().Info!.Labels.Should().Equal("neg", "pos");
    }

    [Fact]
    public async Task ReloadAsync_ReplacedFile_LaterCallsUseTheNewModel()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        var predictor = fixture.Pool.GetPredictor();
        predictor.Predict("x").Label.Should().Be("neg");

        FakeLoader.Write(fixture.ModelPath, ["bad", "good"]);
        var swapped = await fixture.Pool.ReloadAsync();

        swapped.Should().BeTrue();
        predictor.Predict("x").Label.Should().Be("bad");
        fixture.Loader.Loaded[0].IsDisposed.Should().BeTrue("the replaced model has no call inside, so it is disposed at the swap");
        fixture.Pool.GetStatus().Reloads.Should().Be(1);
    }

    [Fact]
    public async Task ReloadAsync_CallInFlight_OldModelDisposedOnlyAfterTheCallReturns()
    {
        using var fixture = new PoolFixture(["neg", "pos"], blocks: true);
        var predictor = fixture.Pool.GetPredictor();
        var inFlight = Task.Run(() => predictor.Predict("started before the swap"));
        var old = fixture.Pool.Acquire();
        var oldPredictor = (FakePredictor)old.Predictor;
        old.Dispose();
        oldPredictor.WaitForCall(Wait).Should().BeTrue();

        FakeLoader.Write(fixture.ModelPath, ["bad", "good"]);
        (await fixture.Pool.ReloadAsync()).Should().BeTrue();
        var newPredictor = fixture.Loader.Loaded[1];
        newPredictor.ReleaseCalls();

        oldPredictor.IsDisposed.Should().BeFalse("a call is still inside the old model");
        predictor.Predict("started after the swap").Label.Should().Be("bad");
        oldPredictor.ReleaseCalls();
        (await inFlight).Label.Should().Be("neg", "the call finishes on the model it started on");
        oldPredictor.IsDisposed.Should().BeTrue("its last call has returned");
        oldPredictor.DisposedWithCallsInside.Should().BeFalse();
    }

    [Fact]
    public async Task ReloadAsync_CorruptFile_KeepsServingAndReportsTheReason()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        var predictor = fixture.Pool.GetPredictor();
        predictor.Predict("x");

        await File.WriteAllTextAsync(fixture.ModelPath, "this is not a model");
        var swapped = await fixture.Pool.ReloadAsync();

        swapped.Should().BeFalse();
        predictor.Predict("x").Label.Should().Be("neg");
        fixture.Loader.Loaded[0].IsDisposed.Should().BeFalse();
        var status = fixture.Pool.GetStatus();
        status.IsDegraded.Should().BeTrue();
        status.LastReloadError.Should().Contain("not a fake model script");
        status.Reloads.Should().Be(0);
    }

    [Fact]
    public async Task ReloadAsync_GoodFileAfterACorruptOne_SwapsAndClearsTheError()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        fixture.Pool.GetPredictor().Predict("x");
        await File.WriteAllTextAsync(fixture.ModelPath, "corrupt");
        await fixture.Pool.ReloadAsync();

        FakeLoader.Write(fixture.ModelPath, ["bad", "good"]);
        var swapped = await fixture.Pool.ReloadAsync();

        swapped.Should().BeTrue();
        fixture.Pool.GetStatus().IsDegraded.Should().BeFalse();
        fixture.Pool.GetStatus().LastReloadError.Should().BeNull();
    }

    [Fact]
    public async Task ReloadAsync_SameModelWrittenAgain_DoesNotSwap()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        fixture.Pool.GetPredictor().Predict("x");

        FakeLoader.Write(fixture.ModelPath, ["neg", "pos"]);
        var swapped = await fixture.Pool.ReloadAsync();

        swapped.Should().BeFalse();
        fixture.Loader.Loaded.Should().HaveCount(2);
        fixture.Loader.Loaded[1].IsDisposed.Should().BeTrue("the copy that was loaded to compare is not kept");
        fixture.Loader.Loaded[0].IsDisposed.Should().BeFalse();
        fixture.Pool.GetStatus().Reloads.Should().Be(0);
    }

    [Fact]
    public async Task ReloadAsync_FileDeleted_KeepsServingAndReportsTheMissingFile()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        fixture.Pool.GetPredictor().Predict("x");

        File.Delete(fixture.ModelPath);
        await fixture.Pool.ReloadAsync();

        fixture.Pool.GetPredictor().Predict("x").Label.Should().Be("neg");
        fixture.Pool.GetStatus().LastReloadError.Should().Contain("no longer exists");
    }

    [Fact]
    public async Task WatchForChanges_FileReplacedAsSaveDoes_SwapsInTheBackground()
    {
        using var fixture = new PoolFixture(["neg", "pos"], watch: true);
        var predictor = fixture.Pool.GetPredictor();
        predictor.Predict("x").Label.Should().Be("neg");
        fixture.Pool.GetStatus().IsWatching.Should().BeTrue();

        FakeLoader.Write(fixture.ModelPath, ["bad", "good"]);
        await Eventually.TrueAsync(() => fixture.Pool.GetStatus().Reloads == 1, "the replaced file to be swapped in");

        predictor.Predict("x").Label.Should().Be("bad");
    }

    [Fact]
    public async Task WatchForChanges_CorruptReplacement_KeepsServingAndIsNotRetriedUntilTheFileChanges()
    {
        using var fixture = new PoolFixture(["neg", "pos"], watch: true);
        fixture.Pool.GetPredictor().Predict("x");

        File.WriteAllText(fixture.ModelPath + ".tmp", "corrupt");
        File.Move(fixture.ModelPath + ".tmp", fixture.ModelPath, overwrite: true);
        await Eventually.TrueAsync(() => fixture.Pool.GetStatus().IsDegraded, "the corrupt replacement to be reported");

        fixture.Pool.GetPredictor().Predict("x").Label.Should().Be("neg");
        FakeLoader.Write(fixture.ModelPath, ["bad", "good"]);
        await Eventually.TrueAsync(() => fixture.Pool.GetStatus().Reloads == 1, "the good replacement to be swapped in");
        fixture.Pool.GetStatus().IsDegraded.Should().BeFalse();
    }

    [Fact]
    public void Acquire_LeaseHeld_ModelDisposedOnlyAfterTheLeaseAndThePool()
    {
        var fixture = new PoolFixture(["neg", "pos"]);
        var lease = fixture.Pool.Acquire();
        var predictor = (FakePredictor)lease.Predictor;

        fixture.Dispose();

        predictor.IsDisposed.Should().BeFalse("the lease still holds the model");
        lease.Dispose();
        predictor.IsDisposed.Should().BeTrue();
        lease.Invoking(l => l.Info).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void GetPredictor_AfterThePoolIsDisposed_ThrowsObjectDisposedException()
    {
        var fixture = new PoolFixture(["neg", "pos"]);
        var predictor = fixture.Pool.GetPredictor();
        predictor.Predict("x");

        fixture.Dispose();

        predictor.Invoking(p => p.Predict("x")).Should().Throw<ObjectDisposedException>();
        fixture.Loader.Loaded[0].IsDisposed.Should().BeTrue();
    }

    [Fact]
    public void GetPredictor_UnknownName_ThrowsKeyNotFoundExceptionNamingTheRegisteredModels()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);

        fixture.Pool.Invoking(p => p.GetPredictor("other")).Should().Throw<KeyNotFoundException>().WithMessage("*'other'*default*");
    }

    [Fact]
    public void Acquire_MissingFile_ThrowsFileNotFoundException()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        File.Delete(fixture.ModelPath);

        fixture.Pool.Invoking(p => p.Acquire()).Should().Throw<FileNotFoundException>();
        fixture.Pool.GetStatus().Info.Should().BeNull();
    }

    [Fact]
    public void Explain_ModelCannotExplain_ThrowsNotSupportedException()
    {
        using var fixture = new PoolFixture(["neg", "pos"], explains: false);

        fixture.Pool.GetPredictor().CanExplain.Should().BeFalse();
        fixture.Pool.GetPredictor().Invoking(p => p.Explain("x")).Should().Throw<NotSupportedException>();
    }
}
