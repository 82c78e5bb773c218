using System.Text;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Contracts.Tests.Manifests;

/// <summary>Each input a hostile or careless author wrote ends in a problem naming the line and field, never an exception.</summary>
public sealed class HostileManifestTests
{
    internal const string Valid = """
        apiVersion: energy.energyoperator.io/v1alpha1
        kind: EnergyBenchmark
        metadata:
          name: spam
        spec:
          dataset:
            builtin: spam-assassin
          models:
            - name: lr
              classic:
                engine: native
          runtime:
            batchSizes: [1, 32]
            repetitions: 2
          measurement:
            idleBaselineSeconds: 0
        """;

    private static ManifestException Rejected(string text) => Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "hostile.yaml"));

    [Fact]
    public void Read_BillionLaughs_StopsAtTheExpansionBudget()
    {
        var text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append($"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]\n");
        }

        var problem = Assert.Single(Rejected(text.ToString()).Problems);

        Assert.Contains("once aliases are repeated", problem.Message);
        Assert.StartsWith("line ", problem.Field);
    }

    [Fact]
    public void Read_LongStringAliasedManyTimes_StopsAtTheCharacterBudget()
    {
        var text = $"s: &s {new string('x', 100_000)}\nl: [{string.Join(", ", Enumerable.Repeat("*s", 100))}]\n";

        Assert.Contains("once aliases are repeated", Assert.Single(Rejected(text).Problems).Message);
    }

    [Fact]
    public void Read_AliasInsideItsOwnAnchor_IsRejected()
    {
        var problem = Assert.Single(Rejected("a: &a [1, *a]\n").Problems);

        Assert.Contains("alias *a names no complete anchor", problem.Message);
        Assert.Equal("line 1", problem.Field);
    }

    [Fact]
    public void Read_FlowNesting20000Deep_IsRejectedWithoutOverflowingTheStack()
    {
        var text = new string('[', 20_000) + new string(']', 20_000);

        Assert.Contains($"nested deeper than {YamlLimits.MaxDepth} levels", Assert.Single(Rejected(text).Problems).Message);
    }

    [Fact]
    public void Read_LargerThanTheSizeLimit_IsRejected()
    {
        var text = HostileManifestTests.Valid + "\n#" + new string('x', YamlLimits.MaxBytes);

        Assert.Contains("larger than", Assert.Single(Rejected(text).Problems).Message);
    }

    [Fact]
    public void Read_KeyInAnotherCase_IsAnUnknownField()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("  models:", "  Models:")).Problems);

        Assert.Contains("spec.Models", problem.Field);
        Assert.Contains("unknown field", problem.Message);
    }

    [Fact]
    public void Read_RepeatedKey_IsRejected()
    {
        var problems = Rejected(Valid.Replace("    repetitions: 2", "    repetitions: 2\n    repetitions: 3")).Problems;

        Assert.Contains(problems, p => p.Message.Contains("uplicate", StringComparison.Ordinal) || p.Message.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_QuotedNumber_MustBeANumber()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("repetitions: 2", "repetitions: \"8\"")).Problems);

        Assert.Equal("line 14: spec.runtime.repetitions", problem.Field);
        Assert.Equal("must be a whole number", problem.Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    public void Read_EnumAsInteger_ListsTheNames(string value)
    {
        var problem = Assert.Single(Rejected(Valid.Replace("engine: native", $"engine: {value}")).Problems);

        Assert.Contains("spec.models[0].classic.engine", problem.Field);
        Assert.Equal("must be one of: native, onnxruntime", problem.Message);
    }

    [Theory]
    [InlineData("spec: null", "spec.models")]
    [InlineData("spec: ~", "spec.models")]
    [InlineData("metadata: null", "metadata.name")]
    [InlineData("kind: null", "kind")]
    public void Read_NullForARequiredPart_SaysItIsMissing(string line, string field)
    {
        var text = line.StartsWith("spec", StringComparison.Ordinal) ? Valid[..Valid.IndexOf("spec:", StringComparison.Ordinal)] + line
            : line.StartsWith("metadata", StringComparison.Ordinal) ? Valid.Replace("metadata:\n  name: spam", line)
            : Valid.Replace("kind: EnergyBenchmark", line);

        Assert.Contains(Rejected(text).Problems, p => p.Field.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NullListItem_IsRejected()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("[1, 32]", "[1, null]")).Problems);

        Assert.Equal("line 13: spec.runtime.batchSizes[1]", problem.Field);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("hello")]
    [InlineData("- kind: EnergyBenchmark")]
    public void Read_DocumentThatIsNotAMapping_IsRejected(string text)
    {
        Assert.Contains("expected EnergyBenchmark", Assert.Single(Rejected(text).Problems).Message);
    }

    [Fact]
    public void Read_NumberBeyondADouble_IsRejected()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("idleBaselineSeconds: 0", "idleBaselineSeconds: 1e400")).Problems);

        Assert.Equal("line 16: spec.measurement.idleBaselineSeconds", problem.Field);
        Assert.Contains("beyond the range", problem.Message);
    }

    [Fact]
    public void Read_IntegerBeyondInt32_MustBeAWholeNumberInRange()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("repetitions: 2", "repetitions: 3000000000")).Problems);

        Assert.Contains("spec.runtime.repetitions", problem.Field);
    }

    [Fact]
    public void Read_NegativeFractionAgainstAnIntegerRange_IsNotRounded()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("idleBaselineSeconds: 0", "idleBaselineSeconds: -0.5")).Problems);

        Assert.Equal("must be between 0 and 600 (got -0.5)", problem.Message);
    }

    [Fact]
    public void Read_NameWithTrailingNewline_FailsTheDnsLabelCheck()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("name: spam", "name: \"spam\\n\"")).Problems);

        Assert.Contains("metadata.name", problem.Field);
    }

    [Fact]
    public void Read_ModelNameWithTrailingNewline_FailsItsPattern()
    {
        var problem = Assert.Single(Rejected(Valid.Replace("name: lr", "name: \"lr\\n\"")).Problems);

        Assert.Contains("spec.models[0].name", problem.Field);
    }

    [Fact]
    public void Read_TooManyRuns_SaysHowManyAndWhatToDo()
    {
        var text = Valid
            .Replace("[1, 32]", $"[{string.Join(", ", Enumerable.Range(1, 16))}]")
            .Replace("repetitions: 2", "repetitions: 100");

        var problem = Assert.Single(Rejected(text).Problems);

        Assert.Contains("expands to 1,600 runs", problem.Message);
        Assert.Contains($"at most {RunPlanner.MaxRuns}", problem.Message);
    }

    [Fact]
    public async Task ReadFileAsync_InvalidUtf8_NamesTheLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = Encoding.UTF8.GetBytes(Valid.Replace("name: spam", "name: sp\u00e4m"));
            bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xFF;
            await File.WriteAllBytesAsync(path, bytes);

            var error = await Assert.ThrowsAsync<ManifestException>(() => ManifestReader.ReadFileAsync(path, CancellationToken.None));

            var problem = Assert.Single(error.Problems);
            Assert.Equal("line 4", problem.Field);
            Assert.Contains("not UTF-8", problem.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadFileAsync_Utf8WithByteOrderMark_IsRead()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, Valid, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            Assert.Single(await ManifestReader.ReadFileAsync(path, CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadFileAsync_Directory_SaysItIsADirectory()
    {
        var error = await Assert.ThrowsAsync<ManifestException>(() => ManifestReader.ReadFileAsync(Path.GetTempPath(), CancellationToken.None));

        Assert.Contains("is a directory", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public async Task ReadFileAsync_EndlessDevice_StopsAtTheSizeLimit()
    {
        var error = await Assert.ThrowsAsync<ManifestException>(() => ManifestReader.ReadFileAsync("/dev/zero", CancellationToken.None));

        Assert.Contains("larger than", Assert.Single(error.Problems).Message);
    }
}
