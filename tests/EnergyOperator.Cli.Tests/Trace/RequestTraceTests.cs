using EnergyOperator.Cli.Trace;

namespace EnergyOperator.Cli.Tests.Trace;

public sealed class RequestTraceTests
{
    [Fact]
    public void A_trace_reads_its_columns_by_name_in_any_order_with_optional_arrival()
    {
        var requests = RequestTrace.Parse("\uFEFFarrival_time, output_tokens ,input_tokens\n0.5,8,100\n\n1.25,16,20\n");

        Assert.Equal([new TraceRequest(100, 8, 0.5), new TraceRequest(20, 16, 1.25)], requests);
        Assert.Equal([new TraceRequest(7, 3, null)], RequestTrace.Parse("input_tokens,output_tokens\r\n7,3\r\n"));
    }

    [Theory]
    [InlineData("", "line 1: the trace is empty")]
    [InlineData("input_tokens,tokens_out\n1,2\n", "line 1: the header has no 'output_tokens' column")]
    [InlineData("input_tokens,output_tokens\n", "line 1: the trace has a header but no request")]
    [InlineData("input_tokens,output_tokens\n5,8\n5,-1\n", "line 3, field output_tokens: '-1' is not a whole number")]
    [InlineData("input_tokens,output_tokens\n0,8\n", "line 2, field input_tokens: '0'")]
    [InlineData("input_tokens,output_tokens\n1e3,8\n", "line 2, field input_tokens: '1e3'")]
    [InlineData("input_tokens,output_tokens\n99999999999,8\n", "line 2, field input_tokens")]
    [InlineData("input_tokens,output_tokens\n5,8,9\n", "line 2: 3 fields where the header has 2")]
    [InlineData("input_tokens,output_tokens\n\"5\",8\n", "line 2, field input_tokens")]
    [InlineData("input_tokens,output_tokens,arrival_time\n5,8,NaN\n", "line 2, field arrival_time: 'NaN'")]
    [InlineData("input_tokens,output_tokens,arrival_time\n5,8,-3\n", "line 2, field arrival_time")]
    public void A_bad_trace_names_the_line_and_field(string content, string message)
    {
        var error = Assert.Throws<TraceFormatException>(() => RequestTrace.Parse(content));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_huge_field_is_quoted_short_in_the_error()
    {
        var error = Assert.Throws<TraceFormatException>(() => RequestTrace.Parse($"input_tokens,output_tokens\n{new string('9', 100_000)},1\n"));

        Assert.True(error.Message.Length < 200, error.Message);
    }
}
