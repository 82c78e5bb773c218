namespace EnergyOperator.Install.Tests.Helm;

internal abstract record Node(int Line);

internal sealed record TextNode(string Text, int Line) : Node(Line);

/// <summary><c>{{ pipeline }}</c>: prints the pipeline's value.</summary>
internal sealed record OutputNode(Pipeline Pipeline, int Line) : Node(Line);

/// <summary><c>if</c> and <c>with</c> (which also moves the dot to the value).</summary>
internal sealed record ConditionalNode(bool MovesDot, Pipeline Condition, IReadOnlyList<Node> Then, IReadOnlyList<Node> Else, int Line) : Node(Line);

/// <summary><c>range [$key,] [$value :=] pipeline</c> over a list (in order) or a map (keys sorted, as Go does).</summary>
internal sealed record RangeNode(string? KeyVariable, string? ValueVariable, Pipeline Source, IReadOnlyList<Node> Body, IReadOnlyList<Node> Else, int Line) : Node(Line);

/// <summary>Commands joined by <c>|</c>: each command's value is the last argument of the next.</summary>
internal sealed record Pipeline(IReadOnlyList<Command> Commands);

internal sealed record Command(IReadOnlyList<Operand> Operands);

internal abstract record Operand;

/// <summary><c>.a.b</c> from the dot, <c>$.a.b</c> from the root, <c>$name.a.b</c> from a range variable.</summary>
internal sealed record FieldOperand(string? Variable, IReadOnlyList<string> Fields, string Text) : Operand;

internal sealed record LiteralOperand(object Value) : Operand;

internal sealed record FunctionOperand(string Name) : Operand;

internal sealed record PipelineOperand(Pipeline Pipeline) : Operand;
