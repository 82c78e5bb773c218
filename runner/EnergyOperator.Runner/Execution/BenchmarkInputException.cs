namespace EnergyOperator.Runner.Execution;

/// <summary>
/// The benchmark cannot run because of its input (a manifest field, a file it names, missing setup). Raised before any
/// measurement starts, so nothing is reported as if valid; the CLI exits 2 and the operator marks the run <c>InvalidInput</c>.
/// </summary>
public sealed class BenchmarkInputException(string field, string message, Exception? inner = null)
    : Exception($"{field}: {message}", inner)
{
    /// <summary>The manifest field at fault (<c>spec.models[1].onnx.path</c>), or the setup step (<c>setup</c>).</summary>
    public string Field { get; } = field;
}
