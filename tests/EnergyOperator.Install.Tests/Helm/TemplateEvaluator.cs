using System.Collections.Immutable;
using System.Text;
using EnergyOperator.Install.Tests.Yaml;

namespace EnergyOperator.Install.Tests.Helm;

/// <summary>Executes parsed templates against a values tree of maps, lists and scalars (<see cref="YamlValues"/>).</summary>
internal sealed class TemplateEvaluator(IReadOnlyDictionary<string, IReadOnlyList<Node>> defines, object? root)
{
    private const int MaxIncludeDepth = 32;

    public string Render(IReadOnlyList<Node> nodes, string file) => Render(nodes, new Scope(root, ImmutableDictionary<string, object?>.Empty, file, 0));

    private string Render(IReadOnlyList<Node> nodes, Scope scope)
    {
        var output = new StringBuilder();
        Execute(nodes, scope, output);
        return output.ToString();
    }

    private void Execute(IReadOnlyList<Node> nodes, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            try
            {
                Execute(node, scope, output);
            }
            catch (TemplateException e) when (!e.Message.StartsWith(scope.File, StringComparison.Ordinal))
            {
                throw new TemplateException($"{scope.File}:{node.Line}: {e.Message}");
            }
        }
    }

    private void Execute(Node node, Scope scope, StringBuilder output)
    {
        switch (node)
        {
            case TextNode text:
                output.Append(text.Text);
                break;
            case OutputNode print:
                output.Append(TemplateFunctions.Scalar(Evaluate(print.Pipeline, scope)));
                break;
            case ConditionalNode conditional:
                var value = Evaluate(conditional.Condition, scope);
                var truthy = TemplateFunctions.IsTruthy(value);
                Execute(truthy ? conditional.Then : conditional.Else, truthy && conditional.MovesDot ? scope with { Dot = value } : scope, output);
                break;
            case RangeNode range:
                ExecuteRange(range, scope, output);
                break;
        }
    }

    private void ExecuteRange(RangeNode range, Scope scope, StringBuilder output)
    {
        IEnumerable<(object Key, object? Value)> items = Evaluate(range.Source, scope) switch
        {
            null => [],
            IReadOnlyList<object?> list => list.Select((item, index) => ((object)(long)index, item)),
            IReadOnlyDictionary<string, object?> map => map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ((object)p.Key, p.Value)),
            var other => throw new TemplateException($"range over a {YamlValues.Describe(other)}."),
        };

        var any = false;
        foreach (var (key, value) in items)
        {
            any = true;
            var variables = scope.Variables;
            variables = range.KeyVariable is null ? variables : variables.SetItem(range.KeyVariable, key);
            variables = range.ValueVariable is null ? variables : variables.SetItem(range.ValueVariable, value);
            Execute(range.Body, scope with { Dot = value, Variables = variables }, output);
        }

        if (!any)
        {
            Execute(range.Else, scope, output);
        }
    }

    private object? Evaluate(Pipeline pipeline, Scope scope)
    {
        object? result = null;
        for (var i = 0; i < pipeline.Commands.Count; i++)
        {
            var operands = pipeline.Commands[i].Operands;
            if (operands[0] is not FunctionOperand function)
            {
                result = i == 0 ? Evaluate(operands[0], scope) : throw new TemplateException("only a function can follow '|'.");
                continue;
            }

            var arguments = operands.Skip(1).Select(o => Evaluate(o, scope)).ToList();
            if (i > 0)
            {
                arguments.Add(result);
            }

            result = function.Name == TemplateFunctions.Include ? Include(arguments, scope) : TemplateFunctions.Call(function.Name, arguments);
        }

        return result;
    }

    private object? Evaluate(Operand operand, Scope scope) => operand switch
    {
        LiteralOperand literal => literal.Value,
        PipelineOperand nested => Evaluate(nested.Pipeline, scope),
        FieldOperand field => Resolve(field, scope),
        FunctionOperand function => throw new TemplateException($"'{function.Name}' as a value."),
        _ => throw new InvalidOperationException(operand.GetType().Name),
    };

    private object? Resolve(FieldOperand field, Scope scope)
    {
        var value = field.Variable switch
        {
            null => scope.Dot,
            "$" => root,
            var name => scope.Variables.TryGetValue(name, out var bound) ? bound : throw new TemplateException($"undefined variable {name}."),
        };

        foreach (var name in field.Fields)
        {
            // Strict where Go is lenient: a key missing from values.yaml is a typo, not an empty value.
            value = value is IReadOnlyDictionary<string, object?> map
                ? map.TryGetValue(name, out var child) ? child : throw new TemplateException($"{field.Text}: no key '{name}' (add it to values.yaml).")
                : throw new TemplateException($"{field.Text}: cannot read '{name}' of a {YamlValues.Describe(value)}.");
        }

        return value;
    }

    private string Include(IReadOnlyList<object?> arguments, Scope scope)
    {
        if (arguments is not [string name, var dot])
        {
            throw new TemplateException("include takes a template name and a context.");
        }

        if (!defines.TryGetValue(name, out var body))
        {
            throw new TemplateException($"include of undefined template '{name}'.");
        }

        return scope.Depth < MaxIncludeDepth
            ? Render(body, new Scope(dot, ImmutableDictionary<string, object?>.Empty, scope.File, scope.Depth + 1))
            : throw new TemplateException($"include '{name}' nests deeper than {MaxIncludeDepth}.");
    }

    private sealed record Scope(object? Dot, ImmutableDictionary<string, object?> Variables, string File, int Depth);
}
