using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Contracts.Validation;

/// <summary>
/// Validates an <see cref="EnergyBenchmarkSpec"/> from the same attributes the CRD schema is generated from, plus the rules a
/// structural schema cannot say (unique names, ranges between fields). The operator turns problems into an <c>Invalid</c> condition;
/// <c>energyctl run</c> prints them and exits 2.
/// </summary>
public static class SpecValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(EnergyBenchmark benchmark)
    {
        var problems = new List<ValidationProblem>();
        if (benchmark.ApiVersion != EnergyBenchmark.ApiVersionValue)
        {
            problems.Add(new("apiVersion", $"must be {EnergyBenchmark.ApiVersionValue} (got '{benchmark.ApiVersion}')"));
        }

        if (benchmark.Kind != EnergyBenchmark.KindValue)
        {
            problems.Add(new("kind", $"must be {EnergyBenchmark.KindValue} (got '{benchmark.Kind}')"));
        }

        if (string.IsNullOrWhiteSpace(benchmark.Metadata.Name))
        {
            problems.Add(new("metadata.name", "is required: name the benchmark"));
        }
        else if (!new RegularExpressionAttribute(Patterns.DnsLabel).IsValid(benchmark.Metadata.Name) || benchmark.Metadata.Name.Length > 40)
        {
            problems.Add(new("metadata.name", "must be at most 40 lower-case letters, digits or '-', starting and ending with a letter or digit"));
        }

        ValidateObject(benchmark.Spec, "spec", problems);
        ValidateCrossFieldRules(benchmark.Spec, problems);
        return problems;
    }

    private static void ValidateObject(object value, string path, List<ValidationProblem> problems)
    {
        var type = value.GetType();
        if (type.GetCustomAttribute<ExactlyOneOfAttribute>() is { } union)
        {
            var set = union.PropertyNames.Where(name => type.GetProperty(name)!.GetValue(value) is not null).ToList();
            if (set.Count != 1)
            {
                var options = ExactlyOneOfAttribute.Choices([.. union.PropertyNames.Select(JsonName)]);
                problems.Add(new(path, set.Count == 0 ? $"set one of {options}" : $"set only one of {options} (found {string.Join(", ", set.Select(JsonName))})"));
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var fieldPath = $"{path}.{JsonName(property.Name)}";
            var fieldValue = property.GetValue(value);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (Check(attribute, fieldValue) is { } message)
                {
                    problems.Add(new(fieldPath, message));
                }
            }

            if (property.GetCustomAttribute<ItemRangeAttribute>() is { } itemRange && fieldValue is IEnumerable<int> numbers)
            {
                foreach (var (number, index) in numbers.Select((n, i) => (n, i)).Where(item => item.n < itemRange.Minimum || item.n > itemRange.Maximum))
                {
                    problems.Add(new($"{fieldPath}[{index}]", $"must be between {itemRange.Minimum} and {itemRange.Maximum} (got {number})"));
                }
            }

            ValidateChildren(fieldValue, fieldPath, problems);
        }
    }

    private static void ValidateChildren(object? value, string path, List<ValidationProblem> problems)
    {
        switch (value)
        {
            case null or string or IDictionary:
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null && IsSpecType(item.GetType()))
                    {
                        ValidateObject(item, $"{path}[{index}]", problems);
                    }

                    index++;
                }

                return;
            default:
                if (IsSpecType(value.GetType()))
                {
                    ValidateObject(value, path, problems);
                }

                return;
        }
    }

    private static bool IsSpecType(Type type) =>
        (type.Namespace == typeof(EnergyBenchmarkSpec).Namespace && !type.IsEnum) || type == typeof(Toleration) || type == typeof(DecoderShape);

    private static string? Check(ValidationAttribute attribute, object? value) => attribute switch
    {
        RequiredAttribute when value is null || value is string { Length: 0 } => "is required",
        RangeAttribute range when value is not null && !InRange(range, value) =>
            $"must be between {Format(range.Minimum)} and {Format(range.Maximum)} (got {Format(value)})",
        MinLengthAttribute min when value is not null && !min.IsValid(value) =>
            value is string ? $"must have at least {min.Length} characters" : $"must have at least {min.Length} item(s)",
        MaxLengthAttribute max when value is not null && !max.IsValid(value) =>
            value is string ? $"must have at most {max.Length} characters" : $"must have at most {max.Length} items",
        // The attribute matches the whole value, as the API server's RE2 does: "$" alone would let "name\n" through.
        RegularExpressionAttribute regex when value is string s && !regex.IsValid(s) =>
            $"'{s}' does not match {regex.Pattern}",
        AllowedValuesAttribute allowed when value is not null && !allowed.IsValid(value) =>
            $"'{value}' is not one of: {string.Join(", ", allowed.Values)}",
        _ => null,
    };

    /// <summary>
    /// Compares as doubles: every int is exact as a double, and <see cref="RangeAttribute.IsValid"/> converts a double to the
    /// range's int type first, rounding -0.5 into [0, 600].
    /// </summary>
    private static bool InRange(RangeAttribute range, object value)
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        return (range.MinimumIsExclusive ? number > minimum : number >= minimum)
            && (range.MaximumIsExclusive ? number < maximum : number <= maximum);
    }

    private static void ValidateCrossFieldRules(EnergyBenchmarkSpec spec, List<ValidationProblem> problems)
    {
        var targetsPerModel = spec.Models.Sum(model => (long)(model.Hardware?.Distinct().Count() ?? Math.Max(1, spec.Hardware.Count)));
        var runs = targetsPerModel * spec.Runtime.BatchSizes.Count * spec.Runtime.Repetitions;
        if (runs > RunPlanner.MaxRuns)
        {
            problems.Add(new("spec", $"expands to {runs:N0} runs (models × hardware × batch sizes × repetitions); at most {RunPlanner.MaxRuns} "
                + "fit in one benchmark's status: list fewer, or split it into several benchmarks"));
        }

        AddDuplicates(spec.Models.Select(m => m.Name), "spec.models", "model names", problems);
        AddDuplicates(spec.Hardware.Select(h => h.Name), "spec.hardware", "hardware target names", problems);
        if (spec.Dataset.Labels is { } labels)
        {
            AddDuplicates(labels, "spec.dataset.labels", "labels", problems);
        }

        AddDuplicates(spec.Runtime.BatchSizes.Select(b => b.ToString(CultureInfo.InvariantCulture)), "spec.runtime.batchSizes", "batch sizes", problems);

        for (var i = 0; i < spec.Models.Count; i++)
        {
            if (spec.Models[i].Classic is { } classic)
            {
                CheckRange(classic.WordNgrams, $"spec.models[{i}].classic.wordNgrams", allowDisabled: false, problems);
                CheckRange(classic.CharNgrams, $"spec.models[{i}].classic.charNgrams", allowDisabled: true, problems);
            }

            if (spec.Models[i].Hardware is { } targets)
            {
                CheckTargets(targets, $"spec.models[{i}].hardware", spec.Hardware, problems);
            }

            if (spec.Models[i].Server is { ZeroShot: not null, Shape: not null })
            {
                problems.Add(new($"spec.models[{i}].server.shape", "applies to the workload grid only (its FLOPs × TDP baseline); a zeroShot model has none: remove it"));
            }

            if (spec.Models[i].Embedding is { Builtin: null, Tokenizer.Vocab: null or "" })
            {
                problems.Add(new($"spec.models[{i}].embedding.tokenizer.vocab", "is required for a model given by path or url: the vocab.txt it was trained with"));
            }
        }

        ValidateWorkload(spec, problems);

        var meters = spec.Measurement.Meters;
        if (meters.Contains(MeterKind.Auto) && meters.Count > 1)
        {
            problems.Add(new("spec.measurement.meters", "auto already chooses every available sensor: list auto alone, or name the meters"));
        }
    }

    private static void ValidateWorkload(EnergyBenchmarkSpec spec, List<ValidationProblem> problems)
    {
        var grid = spec.Models.Any(RunPlanner.RunsGrid);
        if (spec.Workload is not { } workload)
        {
            if (grid)
            {
                problems.Add(new("spec.workload", "is required with a generative model or a server model without zeroShot: list inputTokens and outputTokens (docs/llm.md)"));
            }

            return;
        }

        if (!grid)
        {
            problems.Add(new("spec.workload", "applies to generative models and server models without zeroShot only: remove it, or add such a model"));
        }

        AddDuplicates(workload.InputTokens.Select(n => n.ToString(CultureInfo.InvariantCulture)), "spec.workload.inputTokens", "input-token bins", problems);
        AddDuplicates(workload.OutputTokens.Select(n => n.ToString(CultureInfo.InvariantCulture)), "spec.workload.outputTokens", "output lengths", problems);
        var cells = workload.InputTokens.Count * workload.OutputTokens.Count;
        if (cells > GenerationResult.MaxCells)
        {
            problems.Add(new("spec.workload", $"has {cells} cells (inputTokens × outputTokens); at most {GenerationResult.MaxCells} fit in one run's result: list fewer bins"));
        }
    }

    private static void CheckTargets(IReadOnlyList<string> targets, string path, IReadOnlyList<HardwareTarget> hardware, List<ValidationProblem> problems)
    {
        AddDuplicates(targets, path, "hardware target names", problems);
        var known = hardware.Select(target => target.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in targets.Where(name => !known.Contains(name)).Distinct())
        {
            problems.Add(new(path, known.Count == 0
                ? $"names target '{name}', but spec.hardware lists none: add the target to spec.hardware, or remove {path}"
                : $"names target '{name}', which spec.hardware does not list (it lists {string.Join(", ", known.Order(StringComparer.Ordinal))})"));
        }
    }

    private static void CheckRange(NgramRange range, string path, bool allowDisabled, List<ValidationProblem> problems)
    {
        if (allowDisabled && range.Max == 0)
        {
            return;
        }

        if (range.Min < 1 || range.Min > range.Max)
        {
            problems.Add(new(path, $"needs 1 ≤ min ≤ max (got min {range.Min}, max {range.Max}){(allowDisabled ? "; max 0 disables it" : "")}"));
        }
    }

    private static void AddDuplicates(IEnumerable<string> names, string path, string what, List<ValidationProblem> problems)
    {
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            problems.Add(new(path, $"{what} must be unique (repeated: {string.Join(", ", duplicates)})"));
        }
    }

    private static string JsonName(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);

    private static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
}
