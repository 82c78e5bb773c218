using EnergyOperator.Runner.Data;

namespace EnergyOperator.Runner.Tests.Data;

public sealed class CsvParserTests
{
    [Fact]
    public void Parse_EmptyFieldsAndTrailingComma_KeepsEveryField()
    {
        var records = CsvParser.Parse("a,,b,\n,\n", "x.csv").ToList();

        Assert.Equal([["a", "", "b", ""], ["", ""]], records.Select(record => record.Fields));
    }

    [Fact]
    public void Parse_BlankLinesAndMultilineFields_ReportRecordStartLines()
    {
        var records = CsvParser.Parse("h1,h2\r\n\r\n\"x\ny\",z\nlast,\"\"", "x.csv").ToList();

        Assert.Equal([1, 3, 5], records.Select(record => record.Line));
        Assert.Equal(["x\ny", "z"], records[1].Fields);
        Assert.Equal(["last", ""], records[2].Fields);
    }

    [Fact]
    public void Parse_QuoteInsideUnquotedField_IsLiteral()
    {
        var record = Assert.Single(CsvParser.Parse("5\" screen,ok", "x.csv"));

        Assert.Equal(["5\" screen", "ok"], record.Fields);
    }
}
