using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class TextExampleTests
{
    [Fact]
    public void Ctor_SingleLabel_HasNoLabelSet()
    {
        var example = new TextExample("good film", "pos");

        example.Labels.Should().BeNull();
        example.IsMultiLabel.Should().BeFalse();
    }

    [Fact]
    public void WithLabels_Repeats_DroppedInFirstSeenOrder()
    {
        var example = TextExample.WithLabels("text", ["sports", "politics", "sports", "Sports"]);

        example.Labels.Should().Equal("sports", "politics", "Sports");
        example.Label.Should().Be("sports|politics|Sports");
        example.IsMultiLabel.Should().BeTrue();
    }

    [Fact]
    public void WithLabels_NoLabels_IsTheEmptySet()
    {
        var example = TextExample.WithLabels("text", []);

        example.Labels.Should().BeEmpty();
        example.Label.Should().BeEmpty();
        example.IsMultiLabel.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void WithLabels_BlankName_ThrowsArgumentException(string? name)
    {
        var act = () => TextExample.WithLabels("text", ["a", name!]);

        act.Should().Throw<ArgumentException>().WithMessage("Label 1 *").And.ParamName.Should().Be("labels");
    }

    [Fact]
    public void Labels_InitWithRepeat_ThrowsArgumentException()
    {
        var act = () => new TextExample("text", "a") { Labels = ["a", "a"] };

        act.Should().Throw<ArgumentException>().WithMessage("Label 'a' appears twice*");
    }

    [Fact]
    public void Labels_InitWithCallersList_IsACopy()
    {
        var names = new List<string> { "a", "b" };
        var example = new TextExample("text", "a|b") { Labels = names };

        names.Add("c");

        example.Labels.Should().Equal("a", "b");
    }

    [Fact]
    public void Equals_SameSetsInOtherLists_AreEqualWithEqualHashes()
    {
        var a = TextExample.WithLabels("text", ["x", "y"]) with { SourceId = "f:2" };
        var b = TextExample.WithLabels("text", new List<string> { "x", "y" }) with { SourceId = "f:2" };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_OtherOrderOrSingleLabel_AreNotEqual()
    {
        var a = TextExample.WithLabels("text", ["x", "y"]);

        a.Should().NotBe(TextExample.WithLabels("text", ["y", "x"]) with { Label = "x|y" });
        a.Should().NotBe(new TextExample("text", "x|y"));
        new TextExample("text", "x|y").Should().Be(new TextExample("text", "x|y"));
    }
}
