using EnergyOperator.Runner.Data;

namespace EnergyOperator.Runner.Tests.Data;

public sealed class LabelSetTests
{
    private static readonly LabeledText[] Samples = [new("x", "spam"), new("y", "ham"), new("z", "Spam"), new("w", "ham")];

    [Fact]
    public void Dataset_WithoutExplicitLabels_SortsDistinctLabelsOrdinally()
    {
        var dataset = new TextDataset("mail", Samples);

        Assert.Equal(["Spam", "ham", "spam"], dataset.Labels);
        Assert.Equal([2, 1, 0, 1], dataset.Labels.IndicesOf(dataset.Samples));
        Assert.Equal("ham", dataset.Labels[1]);
    }

    [Fact]
    public void WithLabels_ExplicitOrder_IsKeptAndMayHoldUnseenLabels()
    {
        var dataset = new TextDataset("mail", Samples).WithLabels(["spam", "ham", "Spam", "other"]);

        Assert.Equal(["spam", "ham", "Spam", "other"], dataset.Labels);
        Assert.Equal([0, 1, 2, 1], dataset.Labels.IndicesOf(dataset.Samples));
    }

    [Fact]
    public void WithLabels_LabelMissingFromList_NamesLabelAndList()
    {
        var error = Assert.Throws<InvalidDataException>(() => new TextDataset("mail", Samples).WithLabels(["spam", "ham"]));

        Assert.Contains("'Spam'", error.Message);
        Assert.Contains("[spam, ham]", error.Message);
    }

    [Fact]
    public void IndexOf_UnknownLabel_NamesLabelAndList()
    {
        var error = Assert.Throws<InvalidDataException>(() => LabelSet.InOrder(["a", "b"]).IndexOf("c"));

        Assert.Contains("'c'", error.Message);
        Assert.Contains("[a, b]", error.Message);
    }

    [Theory]
    [InlineData(new string[0], "empty")]
    [InlineData(new[] { "a", "b", "a" }, "'a' appears twice")]
    [InlineData(new[] { "a", "" }, "Label 1")]
    public void InOrder_InvalidList_Throws(string[] names, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => LabelSet.InOrder(names));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Dataset_WithoutSamples_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() => new TextDataset("mail", []));

        Assert.Contains("'mail' has no samples", error.Message);
    }
}
