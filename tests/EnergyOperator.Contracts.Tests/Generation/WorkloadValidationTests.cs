using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Contracts.Tests.Generation;

public sealed class WorkloadValidationTests
{
    private const string Generative = """
        apiVersion: energy.energyoperator.io/v1alpha1
        kind: EnergyBenchmark
        metadata:
          name: grid
        spec:
          dataset:
            builtin: spam-assassin
          models:
            - name: gpt2
              generative:
                path: /models/gpt2
          workload:
            inputTokens: [32, 128]
            outputTokens: [8]
        """;

    [Fact]
    public void A_generative_model_with_a_workload_is_valid()
    {
        var benchmark = Assert.Single(ManifestReader.Read(Generative, "grid.yaml"));

        Assert.Equal([32, 128], benchmark.Spec.Workload!.InputTokens);
        Assert.Equal("gpt2", benchmark.Spec.Models[0].Generative!.Path[^4..]);
    }

    [Fact]
    public void A_generative_model_without_a_workload_names_spec_workload()
    {
        var text = Generative[..Generative.IndexOf("  workload:", StringComparison.Ordinal)];

        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "grid.yaml")).Problems);

        Assert.EndsWith("spec.workload", problem.Field);
        Assert.Contains("inputTokens and outputTokens", problem.Message);
    }

    [Fact]
    public void A_workload_without_a_generative_model_says_to_remove_it()
    {
        var text = Generative.Replace("generative:\n        path: /models/gpt2", "classic: {}", StringComparison.Ordinal);

        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "grid.yaml")).Problems);

        Assert.EndsWith("spec.workload", problem.Field);
        Assert.Contains("applies to generative models and server models without zeroShot only", problem.Message);
    }

    [Fact]
    public void A_server_model_without_zero_shot_needs_the_workload_and_a_zero_shot_one_refuses_it()
    {
        var grid = Generative.Replace("generative:\n        path: /models/gpt2", "server: { url: \"http://127.0.0.1:8000\", model: gpt2 }", StringComparison.Ordinal);
        var zeroShot = grid.Replace("model: gpt2 }", "model: gpt2, zeroShot: { promptTemplate: \"Text: {text}\" } }", StringComparison.Ordinal);

        Assert.Equal("gpt2", Assert.Single(ManifestReader.Read(grid, "grid.yaml")).Spec.Models[0].Server!.Model);
        Assert.EndsWith("spec.workload", Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.Read(zeroShot, "grid.yaml")).Problems).Field);
        var withoutWorkload = zeroShot[..zeroShot.IndexOf("  workload:", StringComparison.Ordinal)];
        Assert.Equal("Text: {text}", Assert.Single(ManifestReader.Read(withoutWorkload, "grid.yaml")).Spec.Models[0].Server!.ZeroShot!.PromptTemplate);
    }

    [Theory]
    [InlineData("promptTemplate: \"no placeholder\"", "spec.models[0].server.zeroShot.promptTemplate")]
    [InlineData("promptTemplate: \"{text}\", maxTokens: 0", "spec.models[0].server.zeroShot.maxTokens")]
    public void A_zero_shot_setting_out_of_bounds_names_its_field(string zeroShot, string field)
    {
        var text = Generative[..Generative.IndexOf("  workload:", StringComparison.Ordinal)]
            .Replace("generative:\n        path: /models/gpt2", $"server: {{ url: \"http://127.0.0.1:8000\", model: gpt2, zeroShot: {{ {zeroShot} }} }}", StringComparison.Ordinal);

        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "grid.yaml")).Problems);

        Assert.EndsWith(field, problem.Field);
    }

    [Theory]
    [InlineData("inputTokens: [32, 0]", "spec.workload.inputTokens[1]")]
    [InlineData("inputTokens: [32, 40000]", "spec.workload.inputTokens[1]")]
    [InlineData("inputTokens: [32, 32]", "spec.workload.inputTokens")]
    [InlineData("inputTokens: []", "spec.workload.inputTokens")]
    public void A_bad_bin_names_the_field(string inputTokens, string field)
    {
        var text = Generative.Replace("inputTokens: [32, 128]", inputTokens);

        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "grid.yaml")).Problems);

        Assert.EndsWith(field, problem.Field);
    }

    [Fact]
    public void A_grid_of_more_cells_than_a_result_holds_is_refused()
    {
        var text = Generative
            .Replace("inputTokens: [32, 128]", "inputTokens: [1, 2, 3, 4, 5, 6, 7, 8, 9]")
            .Replace("outputTokens: [8]", "outputTokens: [1, 2, 3, 4, 5, 6, 7, 8]");

        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "grid.yaml")).Problems);

        Assert.Equal("spec.workload", problem.Field[^13..]);
        Assert.Contains("72 cells", problem.Message);
    }

    [Fact]
    public void An_unknown_tokenizer_is_refused()
    {
        var text = Generative.Replace("path: /models/gpt2", "path: /models/gpt2\n          tokenizer: llama");

        Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "grid.yaml"));
    }
}
